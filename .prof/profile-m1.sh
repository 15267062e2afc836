#!/bin/bash
rm -rf /work/main/.prof/out; mkdir -p /work/main/.prof/out; cd /work/main/.prof/out
NODE_ENV=production DATABASE_URL=postgres://root@127.0.0.1:5432/assets_bench JWT_SECRET=bench-only-secret-0123456789abcdef0123456789 DATA_KEY=bench-only-data-key-0123456789abcdef012345 PORT=4700 HOST=127.0.0.1 LOG_LEVEL=warn DB_POOL_SIZE=10 WORKERS=1 node --max-semi-space-size=32 --cpu-prof --cpu-prof-interval 200 /work/main/dist/src/main.js &
PID=$!
for i in $(seq 100); do curl -sf localhost:4700/healthz >/dev/null && break; sleep 0.2; done
node /work/main/.prof/m1.mjs 4700 5; node /work/main/.prof/m1.mjs 4700 15
kill -INT $PID; wait $PID
