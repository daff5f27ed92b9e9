// Child process of schema.test.ts: opens PATH (a new file, so still in rollback mode), takes its
// write lock and creates a table, says "held", keeps the lock MS milliseconds, then commits.
// That is the lock another process holds while it switches a new file to WAL.
import Database from "better-sqlite3";

const [path, ms] = process.argv.slice(2);
const db = new Database(path);
db.exec("BEGIN IMMEDIATE");
db.exec("CREATE TABLE holder (x)");
process.stdout.write("held\n");
setTimeout(() => {
  db.exec("COMMIT");
  db.close();
}, Number(ms));
