import { checkJson } from '../src/core/parse/jsonCheck';
let agree = 0;
const samples = ['{"a": 1,}', '{"a": 1 "b": 2}', '{"a": ', '{"a": tru}', '{a:1}', '{"a":"x\ny"}', '{"a":[1,2,]}', '"x"', '01', '-', '1e', '{"a":"\\q"}', '[1 2]', '{"a":1}}', '\ufeff{}', '{"x": -0.5e+3, "y": [true, false, null, {}]}'];
for (const s of samples) { let ok = true; try { JSON.parse(s) } catch { ok = false } const p = checkJson(s); console.log(JSON.stringify(s), ok, p); if (ok === !p) agree++; }
// random mutation agreement
let seed = 1; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const base = JSON.stringify({type:'external_account', audience:'identitynamespace:p.svc.id.goog:https://x', n:[1,2.5,-3e2,true,null], s:'a\\"b\u00e9'}, null, 2);
let total = 0, dis = 0;
for (let k = 0; k < 20000; k++) { let s = base; for (let m = 0; m < 1 + Math.floor(rnd()*3); m++) { const pos = Math.floor(rnd()*s.length); const ch = '{}[]",: \n\\a0-e.'[Math.floor(rnd()*16)]; const op = rnd(); s = op < .33 ? s.slice(0,pos)+s.slice(pos+1) : op < .66 ? s.slice(0,pos)+ch+s.slice(pos) : s.slice(0,pos)+ch+s.slice(pos+1); }
 let ok = true; try { JSON.parse(s) } catch { ok = false } total++; if (ok === !!checkJson(s)) { dis++; if (dis < 4) console.log('DISAGREE', JSON.stringify(s), ok, checkJson(s)); } }
console.log('agree samples', agree, '/', samples.length, 'fuzz disagreements', dis, '/', total);
