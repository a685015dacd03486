/**
 * The TypeScript snippets of the project's markdown, and a type-check of them against the package
 * as users install it (its built declarations, found through node_modules like any dependency), with
 * the strict settings of this repository. A snippet fenced ```ts fragment is a piece of a larger
 * program (free names, no imports) and is not compiled.
 */
import { existsSync, readFileSync, readdirSync } from "fs";
import * as path from "path";
import * as ts from "typescript";

export const ROOT = path.resolve(__dirname, "../../..");

export interface Snippet {
    /** The markdown file, relative to the repository root. */
    file: string;
    /** The line the code starts on (1-based). */
    line: number;
    code: string;
    fragment: boolean;
}

/** The ```ts / ```typescript blocks of a markdown text, indented ones (inside list items) included. */
export function snippets(markdown: string, file = "README.md"): Snippet[] {
    const out: Snippet[] = [];
    let open: { indent: string; language: string; fragment: boolean; line: number; lines: string[] } | undefined;
    markdown.split("\n").forEach((text, i) => {
        const fence = /^(\s*)```\s*(\S*)\s*(.*)$/.exec(text);
        if (!open) {
            if (fence) open = { indent: fence[1], language: fence[2], fragment: fence[3].split(/\s+/).includes("fragment"), line: i + 2, lines: [] };
            return;
        }
        if (fence && fence[1] === open.indent && fence[2] === "") {
            if (["ts", "typescript"].includes(open.language)) out.push({ file, line: open.line, code: open.lines.join("\n"), fragment: open.fragment });
            open = undefined;
            return;
        }
        open.lines.push(text.startsWith(open.indent) ? text.slice(open.indent.length) : text);
    });
    return out;
}

/** Type-checks each snippet as a module of its own, all in one program; the errors, each at its file and line. */
export function typeErrors(list: Snippet[]): string[] {
    const files = new Map(list.map((s) => [path.join(ROOT, `${s.file}.line-${s.line}.ts`), s]));
    const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        lib: ["lib.es2022.d.ts"],
        types: ["node"],
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    // `export {}` makes each snippet a module, so names do not clash between snippets.
    host.getSourceFile = (name, language, ...rest) =>
        files.has(name) ? ts.createSourceFile(name, `${files.get(name)!.code}\nexport {};\n`, language) : getSourceFile(name, language, ...rest);
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const program = ts.createProgram([...files.keys()], options, host);
    return ts.getPreEmitDiagnostics(program).map((d) => {
        const snippet = d.file && files.get(d.file.fileName);
        const where = snippet && d.start !== undefined ? `${snippet.file}:${snippet.line + d.file!.getLineAndCharacterOfPosition(d.start).line}` : (d.file?.fileName ?? "");
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

/** The project's own markdown, relative to the root: README, CONTRIBUTING, docs/ (however deep) and the emulator's README. */
export function markdownFiles(): string[] {
    const under = (dir: string): string[] =>
        existsSync(path.join(ROOT, dir))
            ? readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? under(`${dir}/${e.name}`) : e.name.endsWith(".md") ? [`${dir}/${e.name}`] : []))
            : [];
    return ["README.md", "CONTRIBUTING.md", "emulator/README.md", ...under("docs")].filter((f) => existsSync(path.join(ROOT, f)));
}

export const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
