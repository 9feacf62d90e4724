tests/golden/quotes.txt
