"""Typo detection engine (category ``typo``): lexicon, language models, near-miss search, optional
deep engines. Nothing here is imported by ``import govcheck``; the rules in
``govcheck/rules/builtin/typo_*.py`` load it on the first check that needs it."""
