tests/golden/geo.txt
