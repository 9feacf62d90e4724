tests/golden/tone.txt
