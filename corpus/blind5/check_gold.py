"""Checks a structure gold file against the texts in corpus/web and the manifests.
Usage: python3 check_gold.py [gold.jsonl] [draw.txt]   -> prints errors, exit 1 if any."""
import json, glob, re, sys, datetime

WEB = str(__import__('pathlib').Path(__file__).resolve().parent.parent / 'web')
HERE = __import__('pathlib').Path(__file__).resolve().parent
gold_path = sys.argv[1] if len(sys.argv) > 1 else HERE / 'gold.jsonl'
draw_path = sys.argv[2] if len(sys.argv) > 2 else HERE / 'draw.txt'

FIELDS = ['doc', 'source', 'query', 'province_of_origin', 'written_after_2025_07_01',
          'meta', 'blocks', 'headings', 'notes']
META = ['kind', 'unit_kind', 'unit_name', 'district', 'province', 'number', 'date',
        'period_kind', 'quarter', 'year']
ROLES = {'header', 'title', 'heading', 'paragraph', 'table', 'closing'}
KINDS = {'bao_cao', 'ke_hoach', 'quyet_dinh', 'quy_che', 'cong_van', 'thong_bao', 'to_trinh',
         'nghi_quyet', 'tin_bai', 'khac'}
UNIT_KINDS = {None, 'xa', 'phuong', 'thi_tran', 'dac_khu', 'huyen', 'quan', 'thi_xa', 'thanh_pho',
              'tinh', 'so', 'bo', 'khac'}
PERIODS = {None, 'quy', '6_thang', '9_thang', 'nam', 'thang', 'giai_doan'}

def collapse(s):
    return ' '.join(s.split())

man = {}
for f in glob.glob(WEB + '/manifest_*.jsonl'):
    for l in open(f, encoding='utf-8'):
        if l.strip():
            d = json.loads(l); man[d['file']] = d

errors = []
def err(doc, msg):
    errors.append(f'{doc}: {msg}')

draw = [l.strip() for l in open(draw_path) if l.strip()]
recs = []
for n, l in enumerate(open(gold_path, encoding='utf-8'), 1):
    if not l.strip():
        err(f'line {n}', 'empty line in gold'); continue
    try:
        recs.append(json.loads(l))
    except Exception as e:
        err(f'line {n}', f'bad JSON: {e}')

if [r.get('doc') for r in recs] != draw:
    err('ALL', 'record order/ids differ from draw list')

for r in recs:
    doc = r.get('doc', '?')
    if list(r.keys()) != FIELDS:
        err(doc, f'fields {list(r.keys())} != {FIELDS}')
    m = man.get(doc + '.txt')
    if m is None:
        err(doc, 'not in manifest'); continue
    for k, mk in [('source', 'source'), ('query', 'query'), ('province_of_origin', 'province'),
                  ('written_after_2025_07_01', 'written_after_2025_07_01')]:
        if r.get(k) != m.get(mk):
            err(doc, f'{k}={r.get(k)!r} differs from manifest {mk}={m.get(mk)!r}')
    meta = r.get('meta', {})
    if list(meta.keys()) != META:
        err(doc, f'meta keys {list(meta.keys())}')
    if meta.get('kind') not in KINDS: err(doc, f'bad kind {meta.get("kind")}')
    if meta.get('unit_kind') not in UNIT_KINDS: err(doc, f'bad unit_kind {meta.get("unit_kind")}')
    if meta.get('unit_kind') is None and (meta.get('unit_name') or meta.get('district')):
        err(doc, 'unit_name/district without unit_kind')
    if meta.get('period_kind') not in PERIODS: err(doc, f'bad period_kind {meta.get("period_kind")}')
    if (meta.get('period_kind') == 'quy') != (meta.get('quarter') is not None):
        err(doc, 'quarter must be set exactly when period_kind is quy')
    if meta.get('period_kind') is None and meta.get('year') is not None:
        err(doc, 'year without period')
    if meta.get('year') is not None and not isinstance(meta.get('year'), int):
        err(doc, 'year not int')
    if meta.get('date') is not None:
        try: datetime.date.fromisoformat(meta['date'])
        except Exception: err(doc, f'bad date {meta["date"]}')
    if meta.get('number') is not None and ' ' in meta['number']:
        err(doc, 'number contains spaces')

    try:
        lines = open(f'{WEB}/{doc}.txt', encoding='utf-8').read().splitlines()
    except FileNotFoundError:
        err(doc, 'text file missing'); continue
    blank = lambda i: lines[i - 1].strip() == ''
    nonblank = {i for i in range(1, len(lines) + 1) if not blank(i)}
    covered = {}
    prev_last = 0
    for b in r.get('blocks', []):
        if not (isinstance(b, list) and len(b) == 3 and isinstance(b[0], int) and isinstance(b[1], int)):
            err(doc, f'malformed block {b}'); continue
        a, z, role = b
        if role not in ROLES: err(doc, f'bad role {b}')
        if a > z: err(doc, f'block first > last {b}')
        if a < 1 or z > len(lines): err(doc, f'block outside file (1..{len(lines)}) {b}'); continue
        if a <= prev_last: err(doc, f'block {b} out of order or overlapping (previous ends at {prev_last})')
        prev_last = max(prev_last, z)
        if blank(a): err(doc, f'block {b} starts on a blank line')
        if blank(z): err(doc, f'block {b} ends on a blank line')
        for i in range(a, z + 1):
            if i in nonblank:
                covered[i] = covered.get(i, 0) + 1
    for i in sorted(nonblank):
        if covered.get(i, 0) == 0: err(doc, f'non-blank line {i} in no block')
        elif covered[i] > 1: err(doc, f'line {i} in {covered[i]} blocks')

    heads = {h.get('line'): h for h in r.get('headings', [])}
    if len(heads) != len(r.get('headings', [])): err(doc, 'duplicate headings entries')
    hblocks = [b for b in r.get('blocks', []) if isinstance(b, list) and len(b) == 3 and b[2] == 'heading']
    if len(hblocks) != len(r.get('headings', [])):
        err(doc, f'{len(hblocks)} heading blocks but {len(r.get("headings", []))} headings entries')
    for a, z, _ in hblocks:
        h = heads.get(a)
        if h is None:
            err(doc, f'heading block at {a} has no headings entry'); continue
        if set(h.keys()) != {'line', 'number', 'title'}: err(doc, f'heading keys {list(h.keys())}')
        text = collapse(' '.join(lines[a - 1:z]))
        num, title = h.get('number'), h.get('title')
        if title != collapse(title or ''): err(doc, f'heading {a} title not whitespace-collapsed')
        if num == '':
            ok = text == title
        else:
            ok = bool(re.fullmatch(re.escape(num) + r'\s*[.)\-:]?\s*' + re.escape(title), text))
        if not ok:
            err(doc, f'heading {a}: number {num!r} + title {title!r} do not match text {text!r}')
    for ln in heads:
        if ln not in {b[0] for b in hblocks}:
            err(doc, f'headings entry at {ln} is not the first line of a heading block')
    if not isinstance(r.get('notes'), str) or not r['notes'].strip():
        err(doc, 'notes empty')

for e in errors:
    print(e)
print(f'{len(recs)} records, {len(errors)} errors')
sys.exit(1 if errors else 0)
