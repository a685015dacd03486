/**
 * The provider as Pulumi serializes it into state (`__provider`), produced by the real runtime in
 * mocks mode, then loaded the way the dynamic-provider host loads it.
 */
import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import requireFromString = require("require-from-string");
import { KIND_NAMES, typeToken } from "../../provider/schema/kinds";

/** `__provider` as version 0.1.0 wrote it (one function a method), taken from its state: stacks still hold it. */
const EARLIER_FORM = JSON.parse(readFileSync(path.resolve(__dirname, "../../../test/data/provider-0.1.0.json"), "utf8")) as Record<string, string>;
const load = (text: string) => (requireFromString(text) as { handler: () => pulumi.dynamic.ResourceProvider }).handler();

describe("the serialized provider", () => {
    const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
    before(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
                    return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
                },
                call: () => ({}),
            },
            "golden",
            "dev",
            false,
        );
        const { Gallery, GalleryImage, GalleryImageVersion } = await import("../../provider");
        process.env.ARM_ACCESS_TOKEN = "never-in-state";
        const g = new Gallery("gallery", { resourceGroupName: "rg", galleryName: "golden", location: "westus" });
        const images = [1, 2].map((n) => new GalleryImage(`image${n}`, { resourceGroupName: "rg", galleryName: g.galleryName, location: "westus", osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: `s${n}` } }));
        new GalleryImageVersion("v1", { resourceGroupName: "rg", galleryName: g.galleryName, galleryImageName: images[0].galleryImageName, galleryImageVersionName: "1.0.0", location: "westus", storageProfile: { source: { id: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/images/i" } } });
        await new Promise((r) => setTimeout(r, 2000));
        delete process.env.ARM_ACCESS_TOKEN;
    });

    it("registers each kind under its own type, with its URN for progress", () => {
        assert.deepStrictEqual(registered.map((r) => r.type), [
            "pulumi-nodejs:dynamic/azure-compute-gallery:Gallery",
            "pulumi-nodejs:dynamic/azure-compute-gallery:GalleryImage",
            "pulumi-nodejs:dynamic/azure-compute-gallery:GalleryImage",
            "pulumi-nodejs:dynamic/azure-compute-gallery:GalleryImageVersion",
        ]);
        assert.strictEqual(registered[0].inputs.__urn, "urn:pulumi:dev::golden::pulumi-nodejs:dynamic/azure-compute-gallery:Gallery::gallery");
    });

    it("is small, the same for every resource, and holds no credential or code by value", () => {
        const texts = registered.map((r) => String(r.inputs.__provider));
        const sizes = texts.map((t) => Buffer.byteLength(t));
        console.log(`      __provider bytes per resource: ${sizes.join(", ")}`);
        // Stored twice per resource (inputs and outputs): at most 1 KB, which the no-op dynamic
        // provider of `npm run bench` (check, diff and create doing nothing) does not reach.
        assert.ok(sizes.every((s) => s <= 1000), `each at most 1,000 bytes: ${sizes.join(", ")}`);
        assert.strictEqual(new Set(texts).size, 1, "one shared provider, whatever the kind");
        for (const t of texts) {
            assert.ok(!t.includes("never-in-state"), "no token");
            assert.ok(!t.includes("ComputeManagementClient"), "no SDK client by value");
            assert.match(t, /require\("pulumi-azure-compute-gallery\/runtime"\)/);
        }
    });

    it("loads with require-from-string as the host does, and its methods reach the implementation", async () => {
        for (const r of registered) {
            const provider = (requireFromString(String(r.inputs.__provider)) as { handler: () => pulumi.dynamic.ResourceProvider }).handler();
            // Names that are outputs of the parent at registration time, known here.
            const names = r.type.endsWith(":Gallery") ? { galleryName: "golden" } : { galleryName: "golden", galleryImageName: "img" };
            const { failures } = await provider.check!({}, { ...r.inputs, ...names });
            assert.deepStrictEqual(failures, [], r.type);
        }
        const version = (requireFromString(String(registered[3].inputs.__provider)) as { handler: () => pulumi.dynamic.ResourceProvider }).handler();
        const { failures } = await version.check!({}, { __urn: registered[3].inputs.__urn, resourceGroupName: "rg", galleryName: "g", galleryImageName: "i", galleryImageVersionName: "1.0", location: "westus", storageProfile: {} });
        assert.ok((failures ?? []).some((f) => f.property === "galleryImageVersionName"));
    });

    it("reaches each kind by the URN in the properties the host passes", async () => {
        const runtime = await import("../../provider/runtime");
        const shim = load(String(registered[0].inputs.__provider));
        for (const k of KIND_NAMES) {
            // A check with nothing but the URN fails on what the kind itself requires: the shim reached that kind's table.
            const urn = `urn:pulumi:dev::golden::${typeToken(k)}::${k}`;
            const { failures } = await shim.check!({}, { __urn: urn });
            assert.deepStrictEqual(failures, (await runtime.providers[k].check({}, { __urn: urn })).failures, k);
            // Under a component, the URN's last type is the kind's.
            const nested = `urn:pulumi:dev::golden::golden:images:Builds$${typeToken(k)}::${k}`;
            assert.deepStrictEqual((await shim.check!({}, { __urn: nested })).failures, failures, `${k} under a component`);
        }
        await assert.rejects(shim.check!({}, { resourceGroupName: "rg" }), /cannot tell which kind of resource .*no __urn/);
    });

    it("the form earlier versions wrote (one function a method) still loads and reaches the implementation", async () => {
        const runtime = await import("../../provider/runtime");
        for (const [kind, text] of Object.entries(EARLIER_FORM) as [keyof typeof runtime.providers, string][]) {
            assert.match(text, /\.providers\[kind\]\.check\(olds, news\)/, "the fixture is the earlier form");
            const provider = load(text);
            await provider.configure!({ config: { get: () => undefined } } as unknown as pulumi.dynamic.ConfigureRequest);
            for (const news of [{}, { resourceGroupName: "rg", location: "westus", galleryName: "golden" }]) {
                const { failures } = await provider.check!({}, news);
                assert.deepStrictEqual(failures, (await runtime.providers[kind].check({}, news)).failures, kind);
            }
        }
    });

    it("a resource under a component learns the URN the engine gives it, its parent's type in front", async () => {
        const { Gallery } = await import("../../provider");
        const component = new pulumi.ComponentResource("golden:images:Builds", "builds");
        new Gallery("nested", { resourceGroupName: "rg", galleryName: "nested", location: "westus" }, { parent: component });
        await new Promise((r) => setTimeout(r, 1000));
        const nested = registered.find((r) => r.name === "nested");
        assert.strictEqual(nested?.inputs.__urn, "urn:pulumi:dev::golden::golden:images:Builds$pulumi-nodejs:dynamic/azure-compute-gallery:Gallery::nested");
    });
});
