"""The shipped and the user's content (content/*.yaml): read, checked and made into
playbooks (playbook.py) and the issuer directory (issuers.py), with regions, phone
numbers and the hotline search. (Not named `content`: the wheel ships the YAML itself as
tui/content.)."""
