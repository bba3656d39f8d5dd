import { build } from 'esbuild';
import { lambdaEsbuildOptions } from '/work/main/infra/constructs/lambda-bundling';
const r = await build({ ...lambdaEsbuildOptions('/work/main/functions/api.ts', '/tmp/api-meta.mjs'), metafile: true });
const out = Object.entries(r.metafile!.outputs).find(([k]) => k.endsWith('.mjs'))![1] as any;
const byPkg = new Map<string, number>();
for (const [path, info] of Object.entries(out.inputs) as any) {
  const m = path.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  const k = m ? m[1] : path.split('/').slice(0, 3).join('/');
  byPkg.set(k, (byPkg.get(k) ?? 0) + info.bytesInOutput);
}
[...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 30).forEach(([k, v]) => console.log((v / 1024).toFixed(1).padStart(8), k));
