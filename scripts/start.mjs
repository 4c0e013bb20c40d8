// `npm start`: build the app, then serve dist/ on 127.0.0.1:5173 (or the next free port) and print the URL.
import { execSync } from 'node:child_process';
import { serveStatic } from './serve.mjs';

execSync('npx vite build', { stdio: 'inherit' });
const port = Number(process.env.PORT ?? 5173);
const { url } = await serveStatic('dist', { port });
console.log(`\n  红线监管笔记本 Redline Notebook is running at ${url}`);
console.log(`  示例项目 / sample project: ${url}?sample=beihai\n  (Ctrl+C to stop)`);
