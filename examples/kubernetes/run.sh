#!/usr/bin/env sh
# Runs the load tests on 4 pods, then judges them once: ./run.sh https://staging.example.com
# Needs kubectl with rights to create Jobs, envsubst, and the PVC perf-results (ReadWriteMany).
set -eu
cd "$(dirname "$0")"
export BASE_URL="$1"
export RUN_ID="${RUN_ID:-$(date -u +%Y%m%d%H%M%S)}"
export GIT_SHA="${GIT_SHA:-$(git rev-parse --short HEAD)}"
# The lead covers pulling the image and starting Maven on every node; a shard later than that fails.
export START_AT="$(date -u -d "+${LEAD_SECONDS:-180} seconds" +%Y-%m-%dT%H:%M:%SZ)"

envsubst '$RUN_ID $START_AT $GIT_SHA $BASE_URL' < shards-job.yaml | kubectl apply -f -
# Wait for Complete or Failed, which a Job with backoffLimitPerIndex reaches once every shard has ended:
# waiting for "complete" alone would wait out its timeout on a failed Job.
until kubectl get job "perf-$RUN_ID" -o jsonpath='{.status.conditions[*].type}' | grep -Eq 'Complete|Failed'; do
    sleep 10
done
envsubst '$RUN_ID $GIT_SHA' < merge-job.yaml | kubectl apply -f -
until kubectl get job "perf-merge-$RUN_ID" -o jsonpath='{.status.conditions[*].type}' | grep -Eq 'Complete|Failed'; do
    sleep 5
done
kubectl logs "job/perf-merge-$RUN_ID" | tail -n 100
kubectl get job "perf-merge-$RUN_ID" -o jsonpath='{.status.conditions[*].type}' | grep -q Complete
