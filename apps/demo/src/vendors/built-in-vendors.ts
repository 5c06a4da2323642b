// The adapters the demo ships with register themselves; a plug-in loaded first (`node --import`) adds others.
import "./apixo.js";
import "./xingchaoyiqing.js";
