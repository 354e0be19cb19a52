#!/usr/bin/env python3
"""Write the bundle target's seeds (fuzz/corpus/bundle/): a small valid bundle of four 2024 PECs
and two earlier years, cut from the committed bundle with every cross-file relation kept (the
manifest's counts, the national file's sums), and variants that reach the byte paths: a
byte-order mark, CRLF line ends, UTF-16. The bundle files are in BUNDLE_FILES order, separated
by the ASCII record separator 0x1E (no JSON text holds it unescaped; NUL would split UTF-16).
tests/integrity.rs checks that these seeds load (or are refused, UTF-16), so they cannot rot.
Run from the repository root: python3 fuzz/seeds/make_bundle_seeds.py"""
import json

KEEP_PECS = [8000, 8089, 8096, 8133]
KEEP_YEARS = {2004: [5001, 5002], 2008: [5001, 5002]}
LINES = ["registered", "received", "early", "inside", "mobile", "cancelled", "portable",
         "stationary", "invalid", "valid", "lost", "unaccounted"]
VOTES = ["davankov", "putin", "slutsky", "kharitonov"]
SEP = b"\x1e"
# The paper and the claims of the current seed (cut by hand once: they name only these places).
old = open("fuzz/corpus/bundle/small-valid-bundle", "rb").read().split(SEP)


def load(name):
    return json.load(open(f"data/{name}", encoding="utf-8"))


def dump(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


pecs = load("pecs-2024.json")
pecs["pecs"] = [p for p in pecs["pecs"] if p["pec"] in KEEP_PECS]
history = load("history.json")


def keep_columns(year):
    """A year's PEC columns (history.json is by column) cut to the kept PECs."""
    columns = year["pecs"]
    rows = [i for i, pec in enumerate(columns["pec"]) if pec in KEEP_YEARS[year["year"]]]
    cut = {name: [values[i] for i in rows] for name, values in columns.items() if name != "votes"}
    cut["votes"] = [[values[i] for i in rows] for values in columns["votes"]]
    return dict(year, pecs=cut)


history["years"] = [keep_columns(y) for y in history["years"] if y["year"] in KEEP_YEARS]
manifest = load("manifest.json")
manifest["evidence"] = {
    level: sum(1 for p in pecs["pecs"] if p["location"]["evidence"] == level)
    for level in ["documented", "inferred", "matched", "unknown"]
}
manifest["checks"] = [{"year": y["year"], "pecs": len(y["pecs"]["pec"]), "failures": 0}
                      for y in history["years"]] + [{"year": 2024, "pecs": len(pecs["pecs"]), "failures": 0}]
manifest["failures"] = []
russia = load("russia-2024.json")
national = load("russia-2024-national.json")
abroad = next(s for s in national["subjects"] if s["kind"] == "abroad")
abroad["pecs"] = len(pecs["pecs"])
abroad["protocol"] = {k: sum(p["protocol"][k] for p in pecs["pecs"]) for k in LINES}
abroad["votes"] = {k: sum(p["votes"][k] for p in pecs["pecs"]) for k in VOTES}
sums = {"protocol": abroad["protocol"], "votes": abroad["votes"]}
zero = {"protocol": {k: 0 for k in LINES}, "votes": {k: 0 for k in VOTES}}
national["subjects"] = [abroad]
national["electronic"] = []
national["totals"] = {"pecs": abroad["pecs"], "pecs_abroad": abroad["pecs"], "protocols": sums,
                      "abroad": sums, "protocols_in_russia": zero, "electronic": zero}
for line in national["derived"]["lines"]:
    counted = sums["votes"][line] if line in VOTES else sums["protocol"][line]
    national["derived"]["lines"][line] = russia[line]["value"] - counted
national["failures"] = []

texts = [dump(pecs), dump(history), dump(manifest), old[3].decode(), dump(russia),
         old[5].decode(), dump(national)]

def write(name, parts):
    open(f"fuzz/corpus/bundle/{name}", "wb").write(SEP.join(parts))


write("small-valid-bundle", [t.encode() for t in texts])
write("small-valid-bundle-bom", [b"\xef\xbb\xbf" + t.encode() for t in texts])
write("small-valid-bundle-crlf", [
    json.dumps(json.loads(t), ensure_ascii=False, indent=1).replace("\n", "\r\n").encode()
    for t in texts])
write("small-valid-bundle-utf16",
      [t.encode("utf-16") if i == 4 else t.encode() for i, t in enumerate(texts)])
