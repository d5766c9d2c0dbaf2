#!/usr/bin/env bash
# install.sh: installs GraphiQL from the npm registry (versions pinned in
# package-lock.json) and copies its browser build, with React's, into dist/,
# which examples/python/app.py serves at GET /graphql for browsers.
# --if-needed: only when dist/ is missing or older than the lock file or index.html.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = --if-needed ] && [ -f dist/graphiql.min.js ] && [ ! package-lock.json -nt dist/graphiql.min.js ] &&
	[ ! index.html -nt dist/index.html ]; then
	exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
mkdir -p dist
cp node_modules/react/umd/react.production.min.js \
	node_modules/react-dom/umd/react-dom.production.min.js \
	node_modules/graphiql/graphiql.min.js \
	node_modules/graphiql/graphiql.min.css \
	index.html dist/
