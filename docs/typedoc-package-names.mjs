// Names each reference module after the package (and subpath) users import, not after its build folder:
// the entry points are the published declaration files, so "core/dist/provider" is "@org/imagegen-core/provider".
import { Converter, ReflectionKind } from "typedoc";

/** TypeDoc plugin entry: renames the modules before links and file names are made from them. */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const match = /^([\w-]+)\/dist(?:\/([\w-]+))?$/.exec(module.name);
      if (match) module.name = `@org/imagegen-${match[1]}${match[2] ? `/${match[2]}` : ""}`;
    }
  });
}
