"""Checks the result files of a scaled `mvn verify -Pperf` run against the stub.

Every scenario wrote a result; each measured non-zero latencies, sent the planned number of requests
(within 2 %), and has per-endpoint figures; the spike has figures for each phase, and the capacity
search found a capacity with its steps; summary.json lists every scenario, all passed.
"""
import json
import pathlib
import sys

folder = pathlib.Path(sys.argv[1])
expected = {"TemplateListLoadTests", "TemplateDetailLoadTests", "CapabilitiesLoadTests", "BuildSpecsLoadTests",
            "MixedEndpointLoadTests", "SpikeLoadTests", "K6ScriptLoadTests", "TemplateListCapacityLoadTests"}
# summary.json is the build's summary beside the per-test results, checked on its own below.
results = {path.name.split(".")[0]: json.loads(path.read_text()) for path in folder.glob("*.json")
           if path.name != "summary.json"}
problems = [f"no result file for {name}" for name in sorted(expected - results.keys())]
for name, result in sorted(results.items()):
    counts, corrected = result["counts"], result["corrected"]
    if corrected["p50Millis"] <= 0 or corrected["count"] == 0:
        problems.append(f"{name}: latencies are zero ({corrected})")
    if abs(counts["sent"] - counts["scheduled"]) > 0.02 * counts["scheduled"]:
        problems.append(f"{name}: sent {counts['sent']} of {counts['scheduled']} planned requests")
    if not result["endpoints"] or any(e["requests"] == 0 for e in result["endpoints"]):
        problems.append(f"{name}: no per-endpoint figures")
    if name == "SpikeLoadTests":
        phases = {phase["name"]: phase for phase in result["phases"]}
        if set(phases) != {"warmup", "spike", "cooldown"} or any(p["iterations"] == 0 for p in phases.values()):
            problems.append(f"{name}: no per-phase figures ({sorted(phases)})")
    if name == "TemplateListCapacityLoadTests":
        capacity = result.get("capacity") or {}
        if not capacity.get("steps") or capacity.get("capacityRps") is None:
            problems.append(f"{name}: no capacity found ({capacity.get('message')})")
    if name == "MixedEndpointLoadTests" and len(result["endpoints"]) != 5:
        problems.append(f"{name}: expected 5 endpoints, got {len(result['endpoints'])}")
    print(f"{name}: {counts['sent']}/{counts['scheduled']} sent, p50 {corrected['p50Millis']} ms,"
          f" p95 {corrected['p95Millis']} ms, {len(result['endpoints'])} endpoint(s), passed={result['passed']}")
summary = json.loads((folder / "summary.json").read_text())
if not summary["passed"] or summary["total"] != len(expected):
    problems.append(f"summary.json: passed={summary['passed']}, {summary['total']} tests, {summary['notPassed']} not"
                    f" passed, approval {summary['approval']!r}")
print(f"summary.json: {summary['total']} tests, passed={summary['passed']}, approval {summary['approval']!r}")
for problem in problems:
    print("PROBLEM:", problem)
sys.exit(1 if problems else 0)
