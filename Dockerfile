# syntax=docker/dockerfile:1
# reset-doctor: the bot (`npm start`, the default command) and the reset lab (`node dist/lab/main.js`) in one
# image. Built with dev dependencies, run with production dependencies only, as a non-root user, with no
# network access needed at run time.

ARG NODE_VERSION=20

# ── build: compile TypeScript (src/ and lab/) with the dev dependencies ────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY lab ./lab
RUN npm run build
# The lab's TLS scenario needs a certificate; made here so the runtime image needs no openssl.
RUN mkdir -p /app/lab-tls \
 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
      -subj /CN=ledger -addext subjectAltName=DNS:ledger,DNS:localhost,IP:127.0.0.1 \
      -keyout /app/lab-tls/ledger.key -out /app/lab-tls/ledger.crt 2>/dev/null \
 && chmod 0500 /app/lab-tls && chmod 0400 /app/lab-tls/ledger.key /app/lab-tls/ledger.crt

# ── deps: production dependencies only ─────────────────────────────────────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ── runtime ────────────────────────────────────────────────────────────────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# Application files stay owned by root: the process can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build --chown=node:node /app/lab-tls ./lab-tls
COPY package.json ./
COPY bin ./bin
COPY rules ./rules
COPY catalogue ./catalogue
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
