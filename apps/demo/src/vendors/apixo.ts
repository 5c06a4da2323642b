import { apixo } from "@org/imagegen-apixo";
import { registerVendorAdapter } from "@org/imagegen-testing";

registerVendorAdapter({ id: "apixo", keyVariable: "APIXO_API_KEY", create: (settings) => apixo(settings) });
