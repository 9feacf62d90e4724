tests/golden/times.jsonl
