"""Rule engines and the code rules that data cannot express."""
