"""The mixed workload behind scripts/load. Standard library only."""
import atexit, base64, json, shutil, os, random, socket, subprocess, sys, tempfile, threading, time, urllib.error, urllib.parse, urllib.request, uuid

API_DLL = os.path.abspath(sys.argv[1])
SECONDS = int(os.environ.get("LOAD_SECONDS", "300"))
RATE = float(os.environ.get("LOAD_RATE", "60"))
random.seed(int(os.environ.get("LOAD_SEED", "75")))
work = tempfile.mkdtemp(prefix="registry-load-")
database = os.environ.get("LOAD_DB") or os.path.join(work, "registry.db")
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"
env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", Database__ConnectionString=f"Data Source={database}",
           OpenData__Folder=os.path.join(work, "open-data"), RateLimiting__PermitLimit="100000000",
           Auth__DevSigningKey=base64.b64encode(os.urandom(32)).decode(), Logging__LogLevel__Default="Warning")
server = subprocess.Popen(["dotnet", API_DLL, "--urls", base], env=env, cwd=os.path.dirname(API_DLL), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

@atexit.register
def stop_server():
    """Whatever happens, the API started here does not outlive the script."""
    if server is not None and server.poll() is None:
        server.kill()
        server.wait()
    shutil.rmtree(work, ignore_errors=True)

def rss_mb():
    with open(f"/proc/{server.pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

def call(method, path, body=None, headers=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    if body is not None: request.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items(): request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            data = r.read()
            return r.status, data
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except Exception as e:
        return None, str(e).encode()

for _ in range(240):
    if call("GET", "/health/ready")[0] == 200: break
    time.sleep(0.25)
else:
    raise SystemExit("the API did not start")

def token(role, subject, province=None):
    return json.loads(call("POST", "/v1/dev/tokens", {"role": role, "subject": subject, "province": province})[1])["token"]
registrar, representative, agent = token("registrar", "load-registrar"), token("representative", "load-rep"), token("agent", "load-agent", "06.141")
admin = token("admin", "load-admin")
feed_key = json.loads(call("POST", "/v1/api-keys", {"name": "load", "scopes": ["changes:read"]},
                           {"Authorization": "Bearer " + admin, "Idempotency-Key": str(uuid.uuid4())})[1])["key"]
status, exported = call("GET", "/v1/associations/export?format=ndjson")
if status != 200: raise SystemExit(f"export: {status} {exported[:300]!r}")
numbers = [json.loads(line)["registry_number"] for line in exported.decode().splitlines() if line]
words = ["asso", "amal", "جمعية", "الامل", "club", "développement", "fès", "تنمية", "annour", "femmes"]
regions = [f"{r:02d}" for r in range(1, 13)]
feed_position = [0]

def lookup(): return call("GET", f"/v1/associations/{random.choice(numbers)}")
def search():
    q = " ".join(random.sample(words, random.randint(1, 2)))
    region = f"&region={random.choice(regions)}" if random.random() < 0.5 else ""
    return call("GET", f"/v1/associations?q={urllib.parse.quote(q)}{region}&limit=20")
def export(): return call("GET", f"/v1/associations/export?format=csv&region={random.choice(regions)}&status=registered")
def changes():
    status, data = call("GET", f"/v1/changes?after={feed_position[0]}&limit=200", headers={"X-Api-Key": feed_key})
    if status == 200: feed_position[0] = json.loads(data)["next"]
    return status, data
def write():
    key = str(uuid.uuid4())
    status, data = call("POST", "/v1/declarations", {
        "kind": "founding",
        "association": {"kind": "association", "scope": "local", "nameFr": f"Association Charge {key[:8]}", "nameAr": "جمعية", "object": "Objet.",
                        "seatAddress": "1 rue Test", "commune": "Anfa", "provinceCode": "06.141", "foundedOn": "2026-01-10", "domains": ["culture"]},
        "members": [{"firstName": "T", "lastName": "M", "role": "président", "nationality": "marocaine", "birthDate": "1980-01-01",
                     "birthPlace": "Fès", "profession": "enseignant", "homeAddress": "1 rue Test", "cin": f"ZZ{random.randint(0, 999999):06d}"},
                    {"firstName": "T", "lastName": "N", "role": "trésorier", "nationality": "marocaine", "birthDate": "1980-01-01",
                     "birthPlace": "Fès", "profession": "enseignant", "homeAddress": "1 rue Test", "cin": f"ZZ{random.randint(0, 999999):06d}"}],
        "documents": [{"fileName": "statuts.pdf", "mediaType": "application/pdf", "size": 10, "sha256": "a" * 64},
                      {"fileName": "pv.pdf", "mediaType": "application/pdf", "size": 10, "sha256": "b" * 64}],
    }, {"Authorization": "Bearer " + representative, "Idempotency-Key": key})
    if status != 201: return status, data
    draft = json.loads(data)
    status, data = call("POST", f"/v1/declarations/{draft['id']}/deposit", {"attestComplete": True},
                        {"Authorization": "Bearer " + representative, "Idempotency-Key": str(uuid.uuid4()), "If-Match": draft["etag"]})
    if status != 200: return status, data
    return call("POST", f"/v1/declarations/{draft['id']}/decision", {"decision": "issue_receipt"},
                {"Authorization": "Bearer " + agent, "Idempotency-Key": str(uuid.uuid4()), "If-Match": json.loads(data)["etag"]})

# 80% lookups and searches, 15% exports and change-feed reads, 5% workflow writes (create, deposit, decide).
mix = [(lookup, 50), (search, 30), (export, 5), (changes, 10), (write, 5)]
operations = [op for op, weight in mix for _ in range(weight)]
results = {op.__name__: [] for op, _ in mix}
errors = {op.__name__: 0 for op, _ in mix}
lock = threading.Lock()
WARMUP = float(os.environ.get("LOAD_WARMUP_SECONDS", "30"))
warm_until = time.perf_counter() + WARMUP
while time.perf_counter() < warm_until:   # the same mix, not measured: JIT, caches and the GC heap settle first
    random.choice(operations)()
memory_start = rss_mb()

def run(op):
    started = time.perf_counter()
    status, data = op()
    elapsed = (time.perf_counter() - started) * 1000
    with lock:
        results[op.__name__].append(elapsed)
        if status is None or status >= 400: errors[op.__name__] += 1

threads = []
begin = time.perf_counter()
sent = 0
while time.perf_counter() - begin < SECONDS:
    due = begin + sent / RATE
    pause = due - time.perf_counter()
    if pause > 0: time.sleep(pause)
    t = threading.Thread(target=run, args=(random.choice(operations),), daemon=True)
    t.start()
    threads.append(t)
    sent += 1
    if len(threads) > 2000: threads = [t for t in threads if t.is_alive()]
for t in threads: t.join(timeout=120)
duration = time.perf_counter() - begin
memory_end = rss_mb()
server.terminate()
server.wait()

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")
total = sum(len(v) for v in results.values())
print(f"{SECONDS} s at {RATE:.0f} requests/s: {total} requests in {duration:.0f} s = {total / duration:.1f} requests/s (writes are 3 requests each)")
print(f"{'operation':<10}{'count':>8}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
for name, values in results.items():
    print(f"{name:<10}{len(values):>8}{pct(values, 50):>10.1f}{pct(values, 99):>10.1f}{errors[name]:>8}")
growth = (memory_end - memory_start) / memory_start * 100
print(f"server memory: {memory_start:.0f} MB after warm-up, {memory_end:.0f} MB at the end ({growth:+.1f}%)")
ok = sum(errors.values()) == 0 and growth <= 10
print("verdict:", "no errors, memory within 10%" if ok else "FAILED: errors or memory growth over 10%")
sys.exit(0 if ok else 1)
