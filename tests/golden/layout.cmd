tests/golden/layout.txt
