"""The benchmark behind `make bench` (bench/README.md); not part of the product or `make test`."""
