/**
 * The provider as Pulumi serializes it into state (`__provider`), produced by the real runtime in
 * mocks mode, then loaded the way the dynamic-provider host loads it.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import requireFromString = require("require-from-string");

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

    it("is small, identical for every resource of a kind, and holds no credential or code by value", () => {
        const texts = registered.map((r) => String(r.inputs.__provider));
        const sizes = texts.map((t) => Buffer.byteLength(t));
        console.log(`      __provider bytes per resource: ${sizes.join(", ")}`);
        assert.ok(sizes.every((s) => s < 4096), `each under 4 KiB: ${sizes.join(", ")}`);
        assert.strictEqual(texts[1], texts[2], "one shared provider per kind");
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
        const { failures } = await version.check!({}, { resourceGroupName: "rg", galleryName: "g", galleryImageName: "i", galleryImageVersionName: "1.0", location: "westus", storageProfile: {} });
        assert.ok((failures ?? []).some((f) => f.property === "galleryImageVersionName"));
    });
});
