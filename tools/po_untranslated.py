#!/usr/bin/env python3
"""List the untranslated (empty or fuzzy) messages of a .po file.

    tools/po_untranslated.py omnia_customer/i18n/fi.po          # each with its references
    tools/po_untranslated.py --count omnia_customer/i18n/fi.po  # how many

Standard library only; exits 1 when something is untranslated.
"""
import argparse
import ast
import sys


def read_po(path):
    """The entries of a .po file: dicts with msgid, msgstr, refs, fuzzy."""
    entries, entry, key = [], None, None
    with open(path, encoding="utf-8") as po:
        for line in po:
            line = line.strip()
            # An entry ends at a blank line, or where the next one's comments
            # or msgid begin.
            if key == "msgstr" and (not line or line.startswith(("#", "msgid "))):
                entries.append(entry)
                entry, key = None, None
            if not line or line.startswith("#~"):
                continue
            if entry is None:
                entry = {"msgid": "", "msgstr": "", "refs": [], "fuzzy": False}
            if line.startswith("#:"):
                entry["refs"].extend(line[2:].split())
            elif line.startswith("#,"):
                entry["fuzzy"] = "fuzzy" in line
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgid ", "msgstr ", "msgctxt ")):
                key, _, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
    if key == "msgstr":
        entries.append(entry)
    return [e for e in entries if e["msgid"]]   # the header has an empty msgid


def untranslated(path):
    return [e for e in read_po(path) if not e["msgstr"] or e["fuzzy"]]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", action="store_true", help="print only how many")
    parser.add_argument("po_file")
    args = parser.parse_args()
    missing = untranslated(args.po_file)
    if args.count:
        print(len(missing))
    else:
        for entry in missing:
            print("%s\n    %s" % (entry["msgid"], " ".join(entry["refs"])))
    return 1 if missing and not args.count else 0


if __name__ == "__main__":
    sys.exit(main())
