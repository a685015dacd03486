/**
 * The reference pages (docs/resources/<kind>.md), written from the field tables (provider/schema/):
 * every argument with its type, whether it is required, its default, what changing it costs (in place
 * or a replacement, read from the same attributes the diff reads), its allowed values and rules, and
 * whether it is secret; the checks across arguments, the outputs, timeouts, `get` and `adopt`. The
 * words of a rule the table holds as a function are the words it carries (`described`).
 */
import { idTemplate } from "../../provider/armIds";
import { adapters } from "../../provider/kinds";
import { KINDS, KIND_NAMES, KindName, typeToken } from "../../provider/schema/kinds";
import { DEFAULT_TIMEOUTS } from "../../provider/schema/timeouts";
import { FieldSpec, OnChange, ResourceSpec } from "../../provider/schema/types";
import { KIND_DOCS } from "./kinds";

/** Where the pages go, relative to the repository root. */
export const PAGES_DIR = "docs/resources";

const PACKAGE = "pulumi-azure-compute-gallery";

/** The word for what a change costs; the docs test reads it back. */
export const COSTS: Record<OnChange, string> = { update: "in place", replace: "replaces" };
export const NO_CHANGE = "no change";

const code = (s: string | number | boolean) => `\`${String(s)}\``;
const list = (values: readonly string[]) => values.map(code).join(", ");
/** A table cell: no line breaks, pipes escaped. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The page of a kind, relative to the repository root. */
export function pagePath(kind: KindName): string {
    return `${PAGES_DIR}/${kind}.md`;
}

/** The argument as a program writes it: list elements as `[]`. */
const at = (prefix: string, f: FieldSpec) => (prefix ? `${prefix}[].${f.path}` : f.path);

function typeOf(f: FieldSpec): string {
    const base: Record<FieldSpec["type"], string> = {
        string: "string",
        integer: "integer",
        boolean: "boolean",
        date: "date-time string",
        region: "region",
        armId: "ARM id",
        idMap: "map keyed by ARM ids",
        stringMap: "map of strings",
        stringList: "list of strings",
        object: "object",
        list: f.items?.key ? `list of objects, one per ${code(f.items.key)}` : "list of objects",
    };
    const secret = f.secret === "query" ? "; **secret**: its SAS token (the query)" : f.secret === "value" ? "; **secret**" : "";
    return `${base[f.type]}${secret}`;
}

/** What leaving the argument out means. */
function defaultOf(spec: ResourceSpec, f: FieldSpec, prefix: string): string {
    if (!prefix && spec.name.field === f.path && spec.name.autoname) {
        return `generated from the resource's name, e.g. ${code("golden-images")} → ${code(spec.name.autoname("golden-images", "x1y2z3a"))}`;
    }
    if (typeof f.default === "function") return f.default.words;
    if (f.default !== undefined) return code(f.default);
    if (f.computed && f.inModel === false) return "the provider's setting ([configuration](../configuration-and-credentials.md))";
    if (f.computed) return "Azure's";
    return "";
}

/** What changing the argument costs, from the attributes the diff reads (provider/schema/engine.ts). */
export function changeOf(f: FieldSpec): string {
    if (f.compared === false) return `${NO_CHANGE}: read by a create only`;
    const through = f.action ? `, through Azure's ${code(`/${f.action}`)}` : "";
    if (f.type === "list" && f.items?.key) {
        const { onAdd, onRemove } = f.items;
        // Azure reports elements the program need not list: one the program stops listing stays in Azure.
        if (f.items.azureAdds) return `adding an element: ${COSTS[onAdd]}; removing one: ${NO_CHANGE} (Azure keeps it, and reports elements the program does not list)`;
        return onAdd === onRemove ? `adding or removing an element: ${COSTS[onAdd]}${through}` : `adding an element: ${COSTS[onAdd]}; removing one: ${COSTS[onRemove]}${through}`;
    }
    if (f.type === "list") return `${COSTS[f.onChange]} (compared as a whole)`;
    if (f.updatablePart === "query") return `${COSTS[f.onChange]}; a change of its query (the SAS token) alone: ${COSTS.update}`;
    if (f.action) return `${COSTS[f.onChange]}${through}`;
    if (f.inModel === false && f.onChange === "update") return `${COSTS.update}, sending nothing to Azure`;
    return COSTS[f.onChange];
}

function range(f: FieldSpec): string | undefined {
    if (f.min !== undefined && f.max !== undefined) return `from ${f.min} to ${f.max}`;
    if (f.min !== undefined) return `at least ${f.min}`;
    if (f.max !== undefined) return `at most ${f.max}`;
    return undefined;
}

/** The argument's allowed values and rules, in words. */
function rulesOf(f: FieldSpec): string {
    const out: string[] = [];
    if (f.enum) {
        const what = f.type === "stringList" ? "each one of" : "one of";
        out.push(`${what} ${list(f.enum)}, in any case; ${f.extensible ? "a newer value is sent as written, with a warning" : "no other value"}`);
    }
    if (f.name) {
        const [min, max] = f.name.length;
        out.push([`${min}-${max} characters`, f.name.chars.rule, ...(f.name.start ? [`must ${f.name.start.rule}`] : []), ...(f.name.end ? [`must ${f.name.end.rule}`] : [])].join("; "));
    }
    if (f.pattern) out.push(f.pattern.rule);
    if (f.maxLength !== undefined) out.push(`at most ${f.maxLength} characters`);
    const bounds = range(f);
    if (bounds) out.push(bounds);
    if (f.type === "date") out.push(`RFC 3339 with an offset, e.g. ${code("2030-12-31T00:00:00Z")}; compared as an instant`);
    if (f.type === "region") out.push("a region of the package's table (public, US Government, China) or of `azure-compute-gallery:additionalRegions`, in any spelling ARM accepts (`West US` = `westus`)");
    if (f.type === "armId") out.push(`the full ARM id of a ${f.refersTo?.what ?? "resource"}${f.refersTo?.types ? ` (${list(f.refersTo.types)})` : ""}; compared without case`);
    if (f.type === "idMap") out.push(`keyed by the full ARM ids of each ${f.refersTo?.what ?? "resource"}; Azure fills in the values`);
    if (f.unique) out.push("each value once");
    if (f.type === "list" && f.items?.key) out.push(`each ${code(f.items.key)} once`);
    if (f.reservedKeys) out.push(`not ${list(f.reservedKeys)}, which the provider keeps for itself`);
    if (f.validate) out.push(f.validatesNewValuesOnly ? `${f.validate.words} (judged where the value is new to Azure: a value Azure holds stays valid)` : f.validate.words);
    if (f.ignoreCase && f.type !== "armId") out.push("compared without case");
    if (f.reportedWithout === "query") out.push("Azure reports it without its query: the query is compared with what the program last sent");
    if (f.feature) out.push(`sent as the image feature ${code(f.feature)}`);
    return out.join("; ");
}

function required(f: FieldSpec, prefix: string): string {
    if (!f.required) return "";
    return prefix ? "yes, in each element" : "yes";
}

/** One table row per argument, list elements' members after their list. */
function rows(spec: ResourceSpec, fields: FieldSpec[], prefix = ""): string[] {
    return fields.flatMap((f) => {
        const path = at(prefix, f);
        const row = `| ${code(path)} | ${cell(typeOf(f))} | ${required(f, prefix)} | ${cell(defaultOf(spec, f, prefix))} | ${cell(changeOf(f))} | ${cell(rulesOf(f))} |`;
        return [row, ...(f.type === "list" && f.items ? rows(spec, f.items.fields, path) : [])];
    });
}

/** The fields a replacement follows from (create-only), top level and inside lists. */
function createOnly(fields: FieldSpec[], prefix = ""): string[] {
    return fields.flatMap((f) => [
        ...(f.onChange === "replace" && f.inModel !== false ? [at(prefix, f)] : []),
        ...(f.type === "list" && f.items ? createOnly(f.items.fields, at(prefix, f)) : []),
    ]);
}

function section(title: string, lines: string[]): string[] {
    return lines.length === 0 ? [] : [`## ${title}`, "", ...lines, ""];
}

/** The page of one kind. */
export function kindPage(kind: KindName): string {
    const spec = KINDS[kind];
    const docs = KIND_DOCS[kind];
    const cls = spec.kind;
    const id = idTemplate(adapters[kind].address);
    const secrets = spec.fields.some(function hasSecret(f): boolean {
        return f.secret !== undefined || (f.items?.fields.some(hasSecret) ?? false);
    });
    const across = [...spec.rules.map((r) => r.words)];
    const preview = [
        ...(spec.complete ? [`completes the inputs: ${spec.complete.words}`] : []),
        ...(spec.refuse ? [`refuses a change: ${spec.refuse.words}`] : []),
        ...(spec.cautions ?? []).map((c) => `warns ${c.words}`),
        ...(spec.unsettled ? [`plans an update though the program is unchanged: ${spec.unsettled.words}`] : []),
    ];
    const outputs = spec.outputs.filter((o) => o.name !== "id");
    const timeouts = spec.fields.some((f) => f.path.startsWith("timeouts."));
    const adopt = spec.fields.some((f) => f.path === "adopt");
    return [
        `<!-- Written by \`npm run docs\` from the field table (provider/schema/) and scripts/docs/kinds.ts; edit those, not this page. -->`,
        "",
        `# ${cls}`,
        "",
        docs.summary,
        "",
        "| | |",
        "|---|---|",
        `| class | ${code(cls)} from ${code(PACKAGE)} |`,
        `| type token | ${code(typeToken(kind))} |`,
        `| azure-native | ${code(`azure-native:compute:${cls}`)} |`,
        `| ARM id | ${code(id)} |`,
        `| Azure's model (what each property means) | [${cls}](https://learn.microsoft.com/javascript/api/@azure/arm-compute/${cls.toLowerCase()}) |`,
        "",
        ...(spec.propertiesAsWritten ? ["The arguments nest under `properties`, as the SDK's model does (the spec does not flatten it).", ""] : []),
        "## Example",
        "",
        "```ts",
        docs.example.trim(),
        "```",
        "",
        "## Arguments",
        "",
        "**in place**: an update of the resource in Azure. **replaces**: a new resource, deleting the old one first when the program fixes its Azure name, creating the new one first when the name is generated. A member of a list's elements (`list[].member`) costs what its row says when it changes in an element that stays (the same key); adding or removing an element costs what the list's row says. **default**: what Azure holds when the program leaves the argument out; \"Azure's\" where Azure fills it in itself. How values compare (case, region spellings, what Azure fills in, removing an argument): [What an up changes](../changes.md).",
        "",
        "| argument | type | required | default | on change | allowed values and rules |",
        "|---|---|---|---|---|---|",
        ...rows(spec, spec.fields),
        "",
        ...section("Checks across arguments", across.map((w) => `- ${w}`)),
        ...section("What preview does besides", preview.map((w) => `- ${w}`)),
        ...section("Secrets", secrets ? ["The arguments marked **secret** above are kept secret whether or not the program marks them: Pulumi keeps them, and the outputs that echo them, encrypted in state, and no message, warning or error of the provider repeats them, Azure's words included."] : []),
        "## Outputs",
        "",
        "Every argument is also an output of the same name, holding what Azure reports, with what Azure filled in where the program left a value out. Besides, `id` (the ARM id) and:",
        "",
        ...(outputs.length === 0 ? ["none: Azure reports nothing else for this kind."] : ["| output | Azure's |", "|---|---|", ...outputs.map((o) => `| ${code(o.name)} | ${code(o.from)} |`)]),
        "",
        ...section(
            "Timeouts",
            timeouts
                ? [
                      `\`timeouts: { create, update, delete }\`, written as Pulumi's \`customTimeouts\` are (\`"90m"\`, \`"1h30m"\`), bound how long an up waits for Azure; defaults ${(["create", "update", "delete"] as const).map((p) => `${p} ${code(DEFAULT_TIMEOUTS[p])}`).join(", ")}. At the limit Azure goes on, the resource is kept in state, and the next up waits for it again without sending it twice ([operations](../operations.md)). Pulumi's own \`customTimeouts\` never reach a dynamic provider.`,
                  ]
                : [],
        ),
        "## Reading one the stack does not manage: `get`",
        "",
        `\`${cls}.get(name, id)\` reads an existing ${cls} by its ARM id, in any casing ARM uses. The stack only reads it: \`up\` never changes it, \`destroy\` leaves it in Azure, \`refresh\` reads it again. An id of another kind is refused, naming the id this class needs.`,
        "",
        "```ts",
        `import { ${cls} } from "${PACKAGE}";`,
        "",
        `export const existing = ${cls}.get("existing", "${id}");`,
        "```",
        "",
        ...section(
            "Taking over one that exists: `adopt`",
            adopt
                ? [
                      `\`adopt: true\` takes over a ${cls} that already exists in Azure (made by hand, by azure-native or by Terraform) on the resource's create: dynamic resources cannot be \`pulumi import\`ed. Its create-only arguments (those that **replace** above${createOnly(spec.fields).length > 0 ? `, such as ${list(createOnly(spec.fields).slice(0, 3))}` : ""}) must match what Azure holds; a difference is refused, naming the argument, before anything changes. Otherwise the create waits for an operation Azure still runs on it, sends a PATCH only where the program differs, and marks it as this stack's ([ownership tags](../operations.md#ownership-tags)). Remove \`adopt\` afterwards: it means nothing after the create. Moving a whole stack: [migration](../migration.md).`,
                  ]
                : [],
        ),
    ].join("\n");
}

/** The index of the reference pages. */
export function indexPage(): string {
    return [
        "<!-- Written by `npm run docs` from the list of kinds (provider/schema/kinds.ts) and scripts/docs/kinds.ts; edit those, not this page. -->",
        "",
        "# Resources",
        "",
        `Each class of \`${PACKAGE}\`, one page each: its arguments (type, default, whether a change is made in place or replaces the resource, allowed values and rules), outputs, timeouts, \`get\` and \`adopt\`. The pages are written from the field tables the provider itself runs on, so they say what check and diff do.`,
        "",
        "| class | what it is |",
        "|---|---|",
        ...KIND_NAMES.map((k) => `| [${KINDS[k].kind}](${k}.md) | ${cell(KIND_DOCS[k].summary.split("\n\n")[0])} |`),
        "",
    ].join("\n");
}

/** Every page `npm run docs` writes, by path relative to the repository root. */
export function referencePages(): Map<string, string> {
    const pages = new Map<string, string>([[`${PAGES_DIR}/README.md`, indexPage()]]);
    for (const kind of KIND_NAMES) pages.set(pagePath(kind), `${kindPage(kind)}\n`);
    return pages;
}
