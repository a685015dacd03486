/** One resource's life as the engine runs it, for provider tests against the emulator. */
import * as assert from "assert";
import { onProgress } from "../../provider/azure/progress";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";

type Kind = keyof typeof providers;

/** Previous inputs for Check, previous outputs for Diff, as the engine keeps them. */
export class Resource {
    /** The id the engine keeps for the resource once it is created (Create's answer). */
    id?: string;
    inputs: Inputs = {};
    outputs: Inputs = {};
    warnings: string[] = [];
    constructor(readonly kind: Kind) {}

    async preview(program: Inputs) {
        const said: string[] = [];
        const stop = onProgress((_u, m, severity) => severity === "warning" && said.push(m));
        try {
            const { inputs, failures } = await providers[this.kind].check!(this.inputs, program);
            assert.deepStrictEqual(failures, []);
            const diff = this.id ? await providers[this.kind].diff!(this.id, this.outputs, inputs) : undefined;
            return { inputs, diff, said };
        } finally {
            stop();
        }
    }

    async up(program: Inputs) {
        const { inputs, diff, said } = await this.preview(program);
        this.warnings = said;
        if (!this.id) ({ id: this.id, outs: this.outputs } = await providers[this.kind].create(inputs));
        else if (diff?.changes) {
            assert.deepStrictEqual(diff.replaces, [], "an update, never a replacement");
            this.outputs = (await providers[this.kind].update!(this.id, this.outputs, inputs)).outs ?? {};
        }
        this.inputs = inputs;
        return diff;
    }

    /** The next preview of the same program: nothing left to do. */
    async settled(program: Inputs) {
        const { diff } = await this.preview(program);
        assert.deepStrictEqual([diff?.changes, diff?.replaces], [false, []], JSON.stringify(diff));
    }
}
