/**
 * The bad-input corpus (test/data/bad-inputs.json): each invalid program is refused at preview,
 * the failure naming the field and the rule, with no request to Azure; a value outside an open enum
 * (the spec's modelAsString) is let through with a warning naming the nearest known value.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { onProgress } from "../../provider/azure/progress";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { emulatorForProvider } from "../support/emulator";
import { applicationInputs, applicationVersionInputs, galleryInputs, imageInputs, profileInputs, profileVersionInputs, scriptInputs, scriptVersionInputs, versionInputs } from "./inputs";

type Kind = keyof typeof providers;

interface BadInput {
    program: string;
    kind: Kind;
    set?: Inputs;
    unset?: string[];
    property: string;
    /** A refusal: its reason matches. */
    reason?: string;
    /** Accepted, with a warning on the property that matches. */
    warning?: string;
    /** Where the rule comes from: the spec, ERRORS.md, MUTABILITY.md or NAMING.md. */
    source?: string;
}

const CORPUS = path.resolve(__dirname, "../../../test/data/bad-inputs.json");
const { cases } = JSON.parse(fs.readFileSync(CORPUS, "utf8")) as { cases: BadInput[] };
/** Kinds whose every entry names the source of its rule. */
const SOURCED: readonly Kind[] = ["galleryScript", "galleryScriptVersion", "galleryInVMAccessControlProfile", "galleryInVMAccessControlProfileVersion"];
const VALID: Record<Kind, () => Inputs> = {
    gallery: galleryInputs,
    galleryImage: imageInputs,
    galleryImageVersion: versionInputs,
    galleryApplication: applicationInputs,
    galleryApplicationVersion: applicationVersionInputs,
    galleryScript: scriptInputs,
    galleryScriptVersion: scriptVersionInputs,
    galleryInVMAccessControlProfile: profileInputs,
    galleryInVMAccessControlProfileVersion: profileVersionInputs,
};

function program(c: BadInput): Inputs {
    const inputs: Inputs = { ...VALID[c.kind](), ...c.set };
    for (const k of c.unset ?? []) delete inputs[k];
    return inputs;
}

describe("the bad-input corpus: refused at preview, naming the field, with no request", function () {
    const azure = emulatorForProvider();

    it("holds at least 80 programs, each of a known kind", () => {
        assert.ok(cases.length >= 80, `${cases.length} programs`);
        for (const c of cases) assert.ok(c.kind in VALID, `${c.program}: kind ${c.kind}`);
        for (const c of cases) assert.ok((c.reason === undefined) !== (c.warning === undefined), `${c.program}: a reason or a warning, one of them`);
    });

    it("names the source of each rule of the script and inVMAccessControlProfile kinds, and covers each with a bad name, a missing required field and a value outside an enum", () => {
        for (const kind of SOURCED) {
            const own = cases.filter((c) => c.kind === kind);
            for (const c of own) assert.match(c.source ?? "", /spec|ERRORS\.md|MUTABILITY\.md|NAMING\.md/, `${c.program}: its source`);
            assert.ok(own.some((c) => /Name$/.test(c.property)), `${kind}: a bad name`);
            assert.ok(own.some((c) => /is required/.test(c.reason ?? "")), `${kind}: a missing required field`);
            assert.ok(own.some((c) => /must be one of|values this package knows/.test(`${c.reason ?? ""}${c.warning ?? ""}`)), `${kind}: a value outside an enum`);
        }
    });

    it("starts from programs check accepts", async () => {
        for (const kind of Object.keys(VALID) as Kind[]) assert.deepStrictEqual((await providers[kind].check!({}, VALID[kind]())).failures, [], kind);
    });

    for (const c of cases.filter((x) => x.warning !== undefined)) {
        it(`${c.program}: accepted, with a warning`, async () => {
            const at = azure().requests.length;
            const said: string[] = [];
            const stop = onProgress((_u, m, severity) => severity === "warning" && said.push(m));
            try {
                const { failures = [] } = await providers[c.kind].check!({}, program(c));
                assert.deepStrictEqual(failures, []);
            } finally {
                stop();
            }
            const warning = said.find((m) => m.startsWith(`${c.property}: `));
            assert.ok(warning, `expected a warning on ${c.property}, got ${JSON.stringify(said)}`);
            assert.match(warning, new RegExp(c.warning!));
            assert.strictEqual(azure().requests.length - at, 0, "no request to Azure");
        });
    }

    for (const c of cases.filter((x) => x.warning === undefined)) {
        it(c.program, async () => {
            const at = azure().requests.length;
            const { failures = [] } = await providers[c.kind].check!({}, program(c));
            const named = failures.find((f) => f.property === c.property);
            assert.ok(named, `expected a failure on ${c.property}, got ${JSON.stringify(failures)}`);
            assert.match(named.reason, new RegExp(c.reason!));
            assert.ok(named.reason.startsWith(c.property.split("[")[0]), `the message names the field: ${named.reason}`);
            assert.strictEqual(azure().requests.length - at, 0, "no request to Azure");
        });
    }
});
