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

/** A fenced code block of a markdown text, and the lines it spans (0-based, fences included). */
export interface Block {
    language: string;
    info: string[];
    /** The first line of code (1-based). */
    line: number;
    code: string;
    from: number;
    to: number;
}

/**
 * The fenced code blocks of a markdown text, indented ones (inside list items) included. As in
 * CommonMark, a fence is three or more backticks with no backtick after them on its line (so a
 * line that opens with a code span of four backticks is prose), closed by a fence at least as long.
 */
export function blocks(markdown: string): Block[] {
    const out: Block[] = [];
    let open: { indent: string; ticks: number; info: string[]; from: number; lines: string[] } | undefined;
    markdown.split("\n").forEach((text, i) => {
        if (!open) {
            const fence = /^(\s*)(`{3,})([^`]*)$/.exec(text);
            if (fence) open = { indent: fence[1], ticks: fence[2].length, info: fence[3].trim().split(/\s+/).filter(Boolean), from: i, lines: [] };
            return;
        }
        const close = /^(\s*)(`{3,})\s*$/.exec(text);
        if (close && close[2].length >= open.ticks) {
            out.push({ language: open.info[0] ?? "", info: open.info.slice(1), line: open.from + 2, code: open.lines.join("\n"), from: open.from, to: i });
            open = undefined;
            return;
        }
        open.lines.push(text.startsWith(open.indent) ? text.slice(open.indent.length) : text);
    });
    return out;
}

/** The ```ts / ```typescript blocks of a markdown text, indented ones (inside list items) included. */
export function snippets(markdown: string, file = "README.md"): Snippet[] {
    return blocks(markdown)
        .filter((b) => ["ts", "typescript"].includes(b.language))
        .map((b) => ({ file, line: b.line, code: b.code, fragment: b.info.includes("fragment") }));
}

/** The text of a markdown file outside its code blocks, line for line. */
export function prose(markdown: string): string {
    const lines = markdown.split("\n");
    for (const b of blocks(markdown)) for (let i = b.from; i <= b.to; i++) lines[i] = "";
    return lines.join("\n");
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
