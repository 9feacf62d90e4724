examples/
