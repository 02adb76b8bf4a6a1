"""The crash storm behind scripts/crash-test. Standard library only."""
import atexit, base64, json, shutil, os, random, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request, uuid

API_DLL = os.path.abspath(sys.argv[1])
KILLS = int(os.environ.get("CRASH_KILLS", "20"))
WORKERS = int(os.environ.get("CRASH_WORKERS", "4"))
random.seed(int(os.environ.get("CRASH_SEED", "1958")))
work = tempfile.mkdtemp(prefix="registry-crash-")
database = os.path.join(work, "registry.db")
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"
env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", Database__ConnectionString=f"Data Source={database}",
           DemoData__Count="40", OpenData__Enabled="false", RateLimiting__PermitLimit="100000000",
           Auth__DevSigningKey=base64.b64encode(os.urandom(32)).decode(), Logging__LogLevel__Default="Warning")
server = None

@atexit.register
def stop_server():
    """Whatever happens, the API started here does not outlive the script."""
    if server is not None and server.poll() is None:
        server.kill()
        server.wait()
    shutil.rmtree(work, ignore_errors=True)

def start():
    global server
    server = subprocess.Popen(["dotnet", API_DLL, "--urls", base], env=env, cwd=os.path.dirname(API_DLL),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(240):
        try:
            with urllib.request.urlopen(base + "/health/ready", timeout=2) as r:
                if r.status == 200: return
        except Exception:
            time.sleep(0.25)
    raise SystemExit("the API did not start")

def call(method, path, body=None, token=None, headers=None):
    """Returns (status, json) or (None, None) when the server is down or the connection broke."""
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token: request.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items(): request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        try:
            return e.code, json.loads(e.read() or b"null")
        except Exception:
            return None, None
    except Exception:
        return None, None

def until_answered(method, path, body=None, token=None, headers=None, stop=None):
    """The same request (same Idempotency-Key) until the server answers: an interrupted request is retried, never re-sent new."""
    while True:
        status, answer = call(method, path, body, token, headers)
        if status is not None: return status, answer
        if stop and stop.is_set() and not server_up(): return None, None
        time.sleep(0.2)

def server_up():
    return call("GET", "/health/live")[0] == 200

start()
token = lambda role, subject, province=None: call("POST", "/v1/dev/tokens", {"role": role, "subject": subject, "province": province})[1]["token"]
agent = token("agent", "agent-crash", "06.141")
acknowledged = []   # what got a 2xx: (kind, key, declaration id, receipt)
lock = threading.Lock()
stop = threading.Event()

def member(i, cin):
    return {"firstName": "Test", "lastName": f"Membre{i}", "role": "président", "nationality": "marocaine", "birthDate": "1980-01-01",
            "birthPlace": "Fès", "profession": "enseignant", "homeAddress": "1 rue Test", "cin": cin}

def worker(n):
    representative = token("representative", f"rep-crash-{n}")
    i = 0
    while not stop.is_set():
        i += 1
        name = f"Association Crash {n}-{i}"
        key = str(uuid.uuid4())
        status, draft = until_answered("POST", "/v1/declarations", {
            "kind": "founding",
            "association": {"kind": "association", "scope": "local", "nameFr": name, "nameAr": "جمعية", "object": "Objet.",
                            "seatAddress": "1 rue Test", "commune": "Anfa", "provinceCode": "06.141", "foundedOn": "2026-01-10", "domains": ["culture"]},
            "members": [member(1, f"ZZ{(n * 100000 + 2 * i) % 1000000:06d}"), member(2, f"ZZ{(n * 100000 + 2 * i + 1) % 1000000:06d}")],
            "documents": [{"fileName": "statuts.pdf", "mediaType": "application/pdf", "size": 10, "sha256": "a" * 64},
                          {"fileName": "pv.pdf", "mediaType": "application/pdf", "size": 10, "sha256": "b" * 64}],
        }, representative, {"Idempotency-Key": key}, stop)
        if status != 201: continue
        with lock: acknowledged.append(("create", key, draft["id"], name))
        key = str(uuid.uuid4())
        status, deposited = until_answered("POST", f"/v1/declarations/{draft['id']}/deposit", {"attestComplete": True}, representative,
                                           {"Idempotency-Key": key, "If-Match": draft["etag"]}, stop)
        if status != 200: continue
        with lock: acknowledged.append(("deposit", key, draft["id"], deposited["provisionalReceiptNumber"]))
        key = str(uuid.uuid4())
        status, decided = until_answered("POST", f"/v1/declarations/{draft['id']}/decision", {"decision": "issue_receipt"}, agent,
                                         {"Idempotency-Key": key, "If-Match": deposited["etag"]}, stop)
        if status == 200:
            with lock: acknowledged.append(("decide", key, draft["id"], decided["definitiveReceiptNumber"]))

threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(WORKERS)]
for t in threads: t.start()
started = time.time()
for kill in range(KILLS):
    time.sleep(random.uniform(0.5, 2.0))
    server.send_signal(signal.SIGKILL)
    server.wait()
    start()
time.sleep(1.0)
stop.set()
for t in threads: t.join(timeout=60)
server.send_signal(signal.SIGTERM)
server.wait()

db = sqlite3.connect(database)
problems = []
for kind, key, declaration, value in acknowledged:
    row = db.execute("SELECT provisional_receipt_number, definitive_receipt_number, association_id FROM declarations WHERE id = ?", (declaration,)).fetchone()
    if row is None: problems.append(f"acknowledged {kind} of declaration {declaration} is lost")
    elif kind == "deposit" and row[0] != value: problems.append(f"deposit of {declaration}: acknowledged {value}, stored {row[0]}")
    elif kind == "decide" and row[1] != value: problems.append(f"decision of {declaration}: acknowledged {value}, stored {row[1]}")
names = [value for kind, _, _, value in acknowledged if kind == "create"]
# Every create was retried with its key until answered: one declaration per name, and one association per deposit.
for name in names:
    count = db.execute("SELECT COUNT(*) FROM declarations WHERE content LIKE ?", (f'%"{name}"%',)).fetchone()[0]
    if count != 1: problems.append(f"{name}: {count} declarations for one acknowledged create")
    founded = db.execute("SELECT COUNT(*) FROM associations WHERE name_fr = ?", (name,)).fetchone()[0]
    if founded > 1: problems.append(f"{name}: {founded} associations")
receipts = [r[0] for r in db.execute("SELECT provisional_receipt_number FROM declarations WHERE provisional_receipt_number IS NOT NULL "
                                     "UNION ALL SELECT definitive_receipt_number FROM declarations WHERE definitive_receipt_number IS NOT NULL")]
sequences = sorted(int(r.rsplit("-", 1)[1]) for r in receipts)
if len(set(receipts)) != len(receipts): problems.append("duplicate receipt numbers")
if sequences != list(range(1, len(sequences) + 1)): problems.append(f"receipt sequences not gap-free: {len(sequences)} receipts, highest {sequences[-1] if sequences else 0}")
positions = [r[0] for r in db.execute("SELECT position FROM change_events ORDER BY position")]
if positions != list(range(1, len(positions) + 1)): problems.append("change feed positions have a gap or a duplicate")
integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
if integrity != "ok": problems.append(f"integrity_check: {integrity}")
acked = {k: sum(1 for a in acknowledged if a[0] == k) for k in ("create", "deposit", "decide")}
print(f"kills {KILLS}, workers {WORKERS}, {time.time() - started:.0f} s; acknowledged: {acked['create']} creates, {acked['deposit']} deposits, "
      f"{acked['decide']} decisions; receipts {len(receipts)} (sequence 1..{sequences[-1] if sequences else 0}); feed positions 1..{len(positions)}; "
      f"integrity_check {integrity}")
for p in problems[:20]: print("PROBLEM:", p)
print("verdict:", "nothing acknowledged was lost" if not problems else f"{len(problems)} problems")
sys.exit(1 if problems else 0)
