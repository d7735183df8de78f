/**
 * The supervisor page: static HTML with no data in it. The admin token is typed in and
 * kept in sessionStorage; the page fetches /admin/team.json with it, so nothing is shown
 * without the token. Text is built with textContent (todo titles are the vendor's data).
 */
export function adminPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>友米待办 · 团队 Team</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#f4f4f4}.over{color:#b00020}
</style></head><body>
<h1>团队待办 · Team</h1>
<form id="login"><label>管理令牌 Admin token <input id="token" type="password" autocomplete="off" size="50"></label>
<button>显示 Show</button></form>
<p id="msg" role="status"></p>
<table id="team" hidden><thead><tr><th>工号 Staff</th><th>设备 Devices</th><th>未处理 Open</th><th>已逾期 Overdue</th><th>今日已处理 Handled today</th><th>逾期待办 Overdue todos</th></tr></thead><tbody></tbody></table>
<h2>登记员工 Enrol staff</h2>
<form id="enrol"><label>工号 Staff code <input id="staff" size="12"></label> <button>生成登记码 Create code</button></form>
<p id="code" role="status"></p>
<script>
const $ = (id) => document.getElementById(id);
const token = () => sessionStorage.getItem('relayAdmin') || '';
async function call(path, init) {
  const r = await fetch(path, { ...init, headers: { authorization: 'Bearer ' + token(), 'content-type': 'application/json' } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}
function cell(tr, text, cls) { const td = document.createElement('td'); td.textContent = String(text); if (cls) td.className = cls; tr.append(td); return td; }
async function load() {
  if (!token()) return;
  try {
    const data = await call('/admin/team.json');
    const body = $('team').tBodies[0]; body.replaceChildren();
    for (const s of data.staff) {
      const tr = document.createElement('tr');
      cell(tr, s.staff); cell(tr, s.devices); cell(tr, s.open); cell(tr, s.overdue, s.overdue ? 'over' : ''); cell(tr, s.handledToday);
      cell(tr, s.overdueTodos.slice(0, 5).map((t) => '#' + t.id + ' ' + t.title).join('; ') + (s.overdueTodos.length > 5 ? ' …' : ''));
      body.append(tr);
    }
    $('team').hidden = false; $('msg').textContent = '更新于 Updated ' + new Date(data.at).toLocaleString();
  } catch (e) { $('msg').textContent = String(e.message); }
}
$('login').onsubmit = (e) => { e.preventDefault(); sessionStorage.setItem('relayAdmin', $('token').value.trim()); load(); };
$('enrol').onsubmit = async (e) => {
  e.preventDefault();
  try { const r = await call('/admin/enrol', { method: 'POST', body: JSON.stringify({ staff: $('staff').value }) });
    $('code').textContent = r.staff + ': ' + r.code + ' (有效至 valid until ' + new Date(r.expiresAt).toLocaleString() + ')';
  } catch (err) { $('code').textContent = String(err.message); }
};
load(); setInterval(load, 15000);
</script></body></html>`;
}
