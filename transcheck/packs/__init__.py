"""Rule packs: rules written as data (`rules/*.toml`) that a linguist can edit.

- `format`: reads and validates a pack file into `Pack` and `Entry` objects;
- `matcher`: finds every entry of every pack in a text with one Aho-Corasick scan;
- `anchors`: picks the rarest word of a pattern to anchor it by;
- `cache`: keeps validated packs between runs;
- `plugin`: the built-in plugin that turns each pack into one rule (family TC3).
"""
