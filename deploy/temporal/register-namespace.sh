#!/bin/sh
# Registers Rectify's Temporal namespace (when missing) and its custom search attributes (those
# missing), with the `temporal` CLI. Idempotent. The one copy of these commands: the Kubernetes Job
# (rectify-namespace-job.yaml, from the ConfigMap rectify-temporal-namespace-script), deploy/compose
# (temporal-namespace) and the launcher's production topology (deploy/stack/temporal-server.mjs)
# all run this file.
#
# Environment: TEMPORAL_ADDRESS (host:port of the frontend), RECTIFY_NAMESPACE, RETENTION (e.g.
# 30d), SEARCH_ATTRIBUTES ("Name=Type …", the list in libs/contracts/src/search-attributes.ts).
set -eu
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" 2>/dev/null | grep -q SERVING; do
  echo "waiting for $TEMPORAL_ADDRESS"; sleep 5
done
if ! temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$RECTIFY_NAMESPACE" >/dev/null 2>&1; then
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$RECTIFY_NAMESPACE" --retention "$RETENTION"
  sleep 10 # the namespace reaches every frontend's and history host's namespace cache (refreshed every 10 s)
fi
existing=$(temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$RECTIFY_NAMESPACE" -o json)
created=0
for pair in $SEARCH_ATTRIBUTES; do
  name=${pair%%=*}; type=${pair#*=}
  if echo "$existing" | grep -q "\"$name\""; then echo "$name: present"; continue; fi
  temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$RECTIFY_NAMESPACE" --name "$name" --type "$type"
  echo "$name: created ($type)"
  created=1
done
# On SQL visibility a custom search attribute is part of the namespace's record: a history host
# accepts it on a new workflow once its namespace cache has refreshed (every 10 s).
if [ "$created" = 1 ]; then sleep 10; fi
