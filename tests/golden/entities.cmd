tests/golden/entities.txt
