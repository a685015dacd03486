/**
 * `npm run docs`: writes the reference pages (docs/resources/) from the field tables, and removes a
 * page whose kind is gone. The docs test fails when a committed page differs from what this writes.
 */
import * as fs from "fs";
import * as path from "path";
import { PAGES_DIR, referencePages } from "./pages";

const ROOT = path.resolve(__dirname, "../../..");

function main(): void {
    const pages = referencePages();
    const dir = path.join(ROOT, PAGES_DIR);
    fs.mkdirSync(dir, { recursive: true });
    for (const file of fs.readdirSync(dir)) {
        const page = `${PAGES_DIR}/${file}`;
        if (file.endsWith(".md") && !pages.has(page)) {
            fs.rmSync(path.join(ROOT, page));
            process.stdout.write(`removed ${page}\n`);
        }
    }
    for (const [page, text] of pages) {
        const file = path.join(ROOT, page);
        if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) continue;
        fs.writeFileSync(file, text);
        process.stdout.write(`wrote ${page}\n`);
    }
}

main();
