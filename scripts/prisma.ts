// Runs the Prisma CLI offline. The WebAssembly schema engine leaves a 10 s timer behind that keeps
// every command alive after its work is done, so exit as soon as the CLI's promise settles.
import { spawn } from "node:child_process";
import path from "node:path";

const args = process.argv.slice(2);
process.env.DATABASE_URL ||= "postgres://postgres@127.0.0.1:5432/postgres";
process.env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const cli = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");
const child = spawn(process.execPath, [cli, ...args], { stdio: ["inherit", "pipe", "inherit"], env: process.env });
let done = false;
child.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
});
child.on("exit", (code) => {
  done = true;
  process.exit(code ?? 1);
});
void done;
