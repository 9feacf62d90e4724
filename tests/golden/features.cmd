tests/golden/features.txt
