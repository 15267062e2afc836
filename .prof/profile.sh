#!/bin/bash
# profile.sh BODY SECS [DIR]: one worker under --cpu-prof, warm 5 s, profile SECS, writes .prof/out/*.cpuprofile
DIR=${3:-/work/main}
rm -rf /work/main/.prof/out; mkdir -p /work/main/.prof/out
cd /work/main/.prof/out
NODE_ENV=production DATABASE_URL=postgres://root@127.0.0.1:5432/assets_bench JWT_SECRET=bench-only-secret-0123456789abcdef0123456789 DATA_KEY=bench-only-data-key-0123456789abcdef012345 PORT=4700 HOST=127.0.0.1 LOG_LEVEL=warn DB_POOL_SIZE=10 WORKERS=1 node --max-semi-space-size=32 --cpu-prof --cpu-prof-interval 200 $DIR/dist/src/main.js &
PID=$!
for i in $(seq 100); do curl -sf localhost:4700/healthz >/dev/null && break; sleep 0.2; done
TOKEN=$(cat /work/main/.prof/token.txt)
npx --prefix /work/main autocannon -c 20 -d 5 -m POST -H "content-type: application/json" -H "authorization: Bearer $TOKEN" -i /work/main/.prof/$1 http://127.0.0.1:4700/graphql > /dev/null 2>&1
npx --prefix /work/main autocannon -c 20 -d $2 -m POST -H "content-type: application/json" -H "authorization: Bearer $TOKEN" -i /work/main/.prof/$1 http://127.0.0.1:4700/graphql 2>&1 | grep -E "Req/Sec|requests in"
kill -INT $PID; wait $PID
ls /work/main/.prof/out
