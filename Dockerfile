# The detection command line as a container image: one container runs one shard of a monitoring pass
# (`npm run detect -- … --out shard-I.parquet`), the merge runs in the same image with `npm run merge --`.
# Inputs and outputs live on a volume mounted at /data; the container needs no network at run time.
#   docker build -t redline-detect .
#   docker run --rm -v "$PWD/pass:/data" -e SHARD_INDEX=0 -e SHARD_COUNT=4 redline-detect \
#     --t1 /data/t1 --t2 /data/t2 --redline /data/redlines.geojson --out /data/out/shard-0.parquet
# See deploy/README.md for the Kubernetes Indexed Job.
FROM node:20-bookworm-slim

WORKDIR /app
# npm must not look for updates, funding or audits when it starts the script: no network at run time.
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    NO_UPDATE_NOTIFIER=1

# Dependencies first, so a code change does not reinstall them. Dev dependencies stay: the CLI runs through tsx.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force

# Only what the command line reads: the core and io code, the scripts, and the bundled reference data of public/.
COPY tsconfig.json ./
COPY src ./src
COPY workers ./workers
COPY scripts ./scripts
COPY public ./public

RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]

ENTRYPOINT ["npm", "run", "--silent", "detect", "--"]
