<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentPicker</name>
    <message>
        <source>Type a name or staff id</source>
        <translation>输入姓名或工号</translation>
    </message>
    <message>
        <source>Filter agents</source>
        <translation>筛选客服</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Back to the queue (each to its group)</source>
        <translation>退回队列（各回原技能组）</translation>
    </message>
    <message>
        <source>{name}({staff_id}) · {status} · {load}/{capacity}</source>
        <translation>{name}({staff_id}) · {status} · {load}/{capacity}</translation>
    </message>
</context>
<context>
    <name>AgentStatus</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>AgentsModel</name>
    <message>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首响时间</translation>
    </message>
    <message>
        <source>Avg response</source>
        <translation>平均响应</translation>
    </message>
    <message>
        <source>Handled today</source>
        <translation>今日接待</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>{status} since {time}</source>
        <translation>{status} 自 {time}</translation>
    </message>
    <message>
        <source>{load} ⚠ over capacity</source>
        <translation>{load} ⚠ 超出上限</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>An unexpected error occurred. Your work is saved.</source>
        <translation>发生了意外错误。您的工作已保存。</translation>
    </message>
    <message>
        <source>Starting the demo service…</source>
        <translation>正在启动演示服务…</translation>
    </message>
    <message>
        <source>Logging in as {staff_id}…</source>
        <translation>正在以 {staff_id} 登录…</translation>
    </message>
    <message>
        <source>The demo service could not be started.</source>
        <translation>演示服务无法启动。</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>正在连接 {server}…</translation>
    </message>
    <message>
        <source>Enter your password to log in.</source>
        <translation>请输入密码登录。</translation>
    </message>
    <message>
        <source>Your login expired. Enter your password to continue.</source>
        <translation>登录已过期，请输入密码继续。</translation>
    </message>
    <message>
        <source>Logging out…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <source>Closing the session…</source>
        <translation>正在关闭会话…</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Supervisor actions</source>
        <translation>主管操作记录</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Took over</source>
        <translation>接管</translation>
    </message>
    <message>
        <source>Moved conversations</source>
        <translation>转移会话</translation>
    </message>
    <message>
        <source>Changed capacity</source>
        <translation>修改接待上限</translation>
    </message>
    <message>
        <source>Changed groups</source>
        <translation>修改技能组</translation>
    </message>
    <message>
        <source>Changed settings</source>
        <translation>修改监控设置</translation>
    </message>
</context>
<context>
    <name>BusyDialog</name>
    <message>
        <source>Workstation</source>
        <translation>客服工作台</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Change them in Settings → Keyboard.</source>
        <translation>可在 设置 → 键盘 中修改。</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close conversation</source>
        <translation>结束会话</translation>
    </message>
    <message>
        <source>What was this conversation about?</source>
        <translation>此会话是关于什么的？</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>备注（可选）(&amp;N)：</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>请选择分类。</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Type a reply…  (/ for quick phrases)</source>
        <translation>输入回复…（输入 / 使用快捷短语）</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Open a conversation to reply</source>
        <translation>打开会话后才能回复</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Claim this conversation first to reply</source>
        <translation>请先接入此会话再回复</translation>
    </message>
    <message>
        <source>Type a reply first</source>
        <translation>请先输入回复内容</translation>
    </message>
    <message>
        <source>The reply has {n} characters; at most {max} can be sent at once. Shorten it or send it in parts.</source>
        <translation>回复共 {n} 字，一次最多发送 {max} 字。请删减或分几次发送。</translation>
    </message>
    <message>
        <source>Fill in {names} before sending</source>
        <translation>请先填写{names}再发送</translation>
    </message>
    <message>
        <source>Offline, saved as a draft</source>
        <translation>离线，已保存为草稿</translation>
    </message>
    <message>
        <source>Send the reply ({key})</source>
        <translation>发送回复（{key}）</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+回车</translation>
    </message>
    <message>
        <source>Offline: replies are kept as drafts</source>
        <translation>离线：回复将保存为草稿</translation>
    </message>
    <message>
        <source>The draft could not be saved: {reason}</source>
        <translation>草稿无法保存：{reason}</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Not sent: already taken by {name}({staff_id})</source>
        <translation>未发送：已被 {name}({staff_id}) 接手</translation>
    </message>
    <message>
        <source>Not sent: this conversation is closed or no longer yours</source>
        <translation>未发送：此会话已结束或已不由您接待</translation>
    </message>
    <message>
        <source>Not sent: please log in again (File → Log in again); the reply is kept</source>
        <translation>未发送：请重新登录（文件 → 重新登录），回复已保留</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>未发送：{reason}</translation>
    </message>
</context>
<context>
    <name>ConfigDialog</name>
    <message>
        <source>Monitoring settings</source>
        <translation>监控设置</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>SLA for {group}</source>
        <translation>{group}的响应时限</translation>
    </message>
    <message>
        <source>SLA: {group}</source>
        <translation>响应时限：{group}</translation>
    </message>
    <message>
        <source>Complaint spike: times the usual rate</source>
        <translation>投诉激增：平常水平的倍数</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Complaint spike: window</source>
        <translation>投诉激增：统计时段</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Complaint spike: usual rate over</source>
        <translation>投诉激增：平常水平取自最近</translation>
    </message>
    <message>
        <source>Complaint spike: at least this many</source>
        <translation>投诉激增：至少投诉数</translation>
    </message>
    <message>
        <source>Away after no input for</source>
        <translation>无操作多久后设为离开</translation>
    </message>
    <message>
        <source>Offline after no heartbeat for</source>
        <translation>无心跳多久后视为离线</translation>
    </message>
    <message>
        <source>Order-note changes need a &amp;reason</source>
        <translation>备注修改须填写事由(&amp;R)</translation>
    </message>
    <message>
        <source>Agents must give a reason for every edit or deletion of an order note</source>
        <translation>客服每次修改或删除订单备注都须填写事由</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <source>&amp;Transfer…</source>
        <translation>转接(&amp;T)…</translation>
    </message>
    <message>
        <source>C&amp;lose conversation…</source>
        <translation>结束会话(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Escalate to supervisor…</source>
        <translation>升级给主管(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>回复(&amp;R)</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>未打开会话</translation>
    </message>
    <message>
        <source>Select a conversation in the queue and press Enter.</source>
        <translation>在接待列表中选择会话并按回车键打开。</translation>
    </message>
    <message>
        <source>Your login expired: log in again (File → Log in again)</source>
        <translation>登录已过期：请重新登录（文件 → 重新登录）</translation>
    </message>
    <message>
        <source>This version is too old for the server: please update Workstation</source>
        <translation>版本过旧：请升级客服工作台</translation>
    </message>
    <message>
        <source>Offline: this needs a connection to the server</source>
        <translation>离线：此操作需要连接服务器</translation>
    </message>
    <message>
        <source>Open a conversation first</source>
        <translation>请先打开会话</translation>
    </message>
    <message>
        <source>Waiting for the server's answer…</source>
        <translation>正在等待服务器答复…</translation>
    </message>
    <message>
        <source>This conversation is closed</source>
        <translation>该会话已结束</translation>
    </message>
    <message>
        <source>Claim this conversation first (Ctrl+J)</source>
        <translation>请先接入此会话（Ctrl+J）</translation>
    </message>
    <message>
        <source>Served by {name}: only they or a supervisor can do this</source>
        <translation>由 {name} 接待：只有其本人或主管可以操作</translation>
    </message>
    <message>
        <source>Claim this conversation first to reply (Ctrl+J)</source>
        <translation>请先接入此会话再回复（Ctrl+J）</translation>
    </message>
    <message>
        <source>Served by {name}: only the agent serving it can reply</source>
        <translation>由 {name} 接待：只有接待客服可以回复</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Conversation {id} is not in the local cache</source>
        <translation>本地缓存中没有会话 {id}</translation>
    </message>
    <message>
        <source>{buyer} · {shop}</source>
        <translation>{buyer} · {shop}</translation>
    </message>
    <message>
        <source>Agent: {name}({staff_id})</source>
        <translation>接待客服：{name}({staff_id})</translation>
    </message>
    <message>
        <source>Escalated to a supervisor</source>
        <translation>已升级给主管</translation>
    </message>
    <message>
        <source>Transferred to {target}</source>
        <translation>已转接给 {target}</translation>
    </message>
    <message>
        <source>Could not transfer</source>
        <translation>转接失败</translation>
    </message>
    <message>
        <source>Conversation closed ({category})</source>
        <translation>会话已结束（{category}）</translation>
    </message>
    <message>
        <source>Could not close</source>
        <translation>结束失败</translation>
    </message>
    <message>
        <source>Could not escalate</source>
        <translation>升级失败</translation>
    </message>
    <message>
        <source>Already taken by {name}({staff_id})</source>
        <translation>已被 {name}({staff_id}) 接入</translation>
    </message>
    <message>
        <source>The conversation changed meanwhile (closed or moved)</source>
        <translation>会话已发生变化（已结束或已转走）</translation>
    </message>
    <message>
        <source>the server cannot be reached; try again when online</source>
        <translation>无法连接服务器，请联网后重试</translation>
    </message>
    <message>
        <source>please log in again</source>
        <translation>请重新登录</translation>
    </message>
    <message>
        <source>Could not read the conversation from the local cache</source>
        <translation>无法从本地缓存读取会话</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <source>Paid, awaiting shipment</source>
        <translation>已付款待发货</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Refunding</source>
        <translation>退款中</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>已揽收</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>运输中</translation>
    </message>
    <message>
        <source>Out for delivery</source>
        <translation>派送中</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Refund only</source>
        <translation>仅退款</translation>
    </message>
    <message>
        <source>Return and refund</source>
        <translation>退货退款</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>Reissue</source>
        <translation>补发</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Awaiting return</source>
        <translation>待买家退货</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Reshipped</source>
        <translation>已补发</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Unpaid for {duration}</source>
        <translation>未付款 已 {duration}</translation>
    </message>
    <message>
        <source>Nudge to pay</source>
        <translation>催付</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>尾款待付</translation>
    </message>
    <message>
        <source>Parcel stuck</source>
        <translation>物流停滞</translation>
    </message>
    <message>
        <source>After-sale open</source>
        <translation>售后中</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Expand for items, payment, shipping and after-sale</source>
        <translation>展开查看商品、付款、物流和售后</translation>
    </message>
    <message>
        <source>Order no., tracking no., phone or nickname (Ctrl+K)</source>
        <translation>订单号、快递单号、手机号或昵称 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Searches the local cache, also offline: order number (or its first 6 digits), tracking number, full phone number or its last 4 digits, nickname or name.
↑/↓ choose, Enter opens, Esc returns to the conversation's buyer.</source>
        <translation>搜索本地缓存，离线也可用：订单号（或前 6 位）、快递单号、完整手机号或后 4 位、昵称或姓名。
↑/↓ 选择，回车打开，Esc 返回当前会话的买家。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>VIP level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>最后更新</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>包裹</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>售后单</translation>
    </message>
    <message>
        <source>After-sale cases</source>
        <translation>售后单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>After-sale</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Search orders and buyers</source>
        <translation>搜索订单和买家</translation>
    </message>
    <message>
        <source>Copy order number</source>
        <translation>复制订单号</translation>
    </message>
    <message>
        <source>Copy tracking number</source>
        <translation>复制快递单号</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Order note</source>
        <translation>订单备注</translation>
    </message>
    <message>
        <source>Show the full receiver address…</source>
        <translation>显示完整收货地址…</translation>
    </message>
    <message>
        <source>Ask the server for the selected order's full receiver address (recorded with your reason)</source>
        <translation>向服务器请求所选订单的完整收货地址（连同原因一起记录）</translation>
    </message>
    <message>
        <source>Could not read the customer from the local cache: {error}</source>
        <translation>无法从本地缓存读取客户：{error}</translation>
    </message>
    <message>
        <source>No buyer selected</source>
        <translation>未选择买家</translation>
    </message>
    <message>
        <source>Open a conversation, or search for an order, phone number or nickname.</source>
        <translation>打开一个会话，或搜索订单号、手机号或昵称。</translation>
    </message>
    <message>
        <source>No orders in the local cache</source>
        <translation>本地缓存中没有订单</translation>
    </message>
    <message>
        <source>Buyer {id} (not in the local cache yet)</source>
        <translation>买家 {id}（本地缓存中暂无）</translation>
    </message>
    <message>
        <source>Buyer {id}</source>
        <translation>买家 {id}</translation>
    </message>
    <message>
        <source>VIP {level}</source>
        <translation>VIP {level}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{count} orders · {spent}</source>
        <translation>{count} 笔订单 · {spent}</translation>
    </message>
    <message>
        <source>Shop: {shop}</source>
        <translation>店铺：{shop}</translation>
    </message>
    <message>
        <source>First contact: {time}</source>
        <translation>首次咨询：{time}</translation>
    </message>
    <message>
        <source>Last contact: {time}</source>
        <translation>最近咨询：{time}</translation>
    </message>
    <message>
        <source>Order notes: {n}</source>
        <translation>订单备注：{n} 条</translation>
    </message>
    <message>
        <source>Addresses used:</source>
        <translation>用过的地址：</translation>
    </message>
    <message>
        <source>Items ({n})</source>
        <translation>商品（{n} 件）</translation>
    </message>
    <message>
        <source>Discount: {label}</source>
        <translation>优惠：{label}</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>paid {time}</source>
        <translation>已付 {time}</translation>
    </message>
    <message>
        <source>not paid</source>
        <translation>未付</translation>
    </message>
    <message>
        <source>Presale deposit</source>
        <translation>预售定金</translation>
    </message>
    <message>
        <source>Balance paid {time}</source>
        <translation>尾款已付 {time}</translation>
    </message>
    <message>
        <source>Balance window not open yet</source>
        <translation>尾款尚未开始</translation>
    </message>
    <message>
        <source>Balance window opens soon</source>
        <translation>尾款即将开始</translation>
    </message>
    <message>
        <source>Balance due now</source>
        <translation>尾款支付中</translation>
    </message>
    <message>
        <source>Balance window passed unpaid</source>
        <translation>尾款已逾期未付</translation>
    </message>
    <message>
        <source>Balance {start} – {end}</source>
        <translation>尾款 {start} – {end}</translation>
    </message>
    <message>
        <source>Promised shipping by</source>
        <translation>承诺发货时间</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>收货信息</translation>
    </message>
    <message>
        <source>Buyer's message</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Stuck: no update for {duration}</source>
        <translation>停滞：{duration}无更新</translation>
    </message>
    <message>
        <source>Order {no}</source>
        <translation>订单 {no}</translation>
    </message>
    <message>
        <source>No parcels</source>
        <translation>暂无包裹</translation>
    </message>
    <message>
        <source>No after-sale cases</source>
        <translation>暂无售后</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>未选择订单</translation>
    </message>
    <message>
        <source>Copied {what}: {text}</source>
        <translation>已复制{what}：{text}</translation>
    </message>
    <message>
        <source>No order to copy</source>
        <translation>没有可复制的订单</translation>
    </message>
    <message>
        <source>order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>No tracking number to copy</source>
        <translation>没有可复制的快递单号</translation>
    </message>
    <message>
        <source>tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>No address to copy</source>
        <translation>没有可复制的地址</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Needs the “reveal contact” permission, granted by a supervisor</source>
        <translation>需要主管授予“查看联系方式”权限</translation>
    </message>
    <message>
        <source>Ask the server for the full value (recorded with your reason)</source>
        <translation>向服务器请求完整信息（连同原因一起记录）</translation>
    </message>
    <message>
        <source>Show full contact</source>
        <translation>显示完整联系方式</translation>
    </message>
    <message>
        <source>Why do you need the full value? (recorded on the server)</source>
        <translation>为什么需要查看完整信息？（服务器会记录）</translation>
    </message>
    <message>
        <source>A reason is needed to show the full value.</source>
        <translation>需要填写原因才能显示完整信息。</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>正在请求服务器…</translation>
    </message>
    <message>
        <source>Shown for this buyer only; the reveal was recorded.</source>
        <translation>仅对当前买家显示；本次查看已记录。</translation>
    </message>
    <message>
        <source>Offline: showing the full value needs the server. Try again when connected.</source>
        <translation>离线：显示完整信息需要连接服务器，请联网后再试。</translation>
    </message>
    <message>
        <source>The server refused: you do not have the “reveal contact” permission.</source>
        <translation>服务器拒绝：您没有“查看联系方式”权限。</translation>
    </message>
    <message>
        <source>The server does not know this buyer.</source>
        <translation>服务器上没有这个买家。</translation>
    </message>
    <message>
        <source>Could not show the full value: {error}</source>
        <translation>无法显示完整信息：{error}</translation>
    </message>
    <message>
        <source>nickname or name</source>
        <translation>昵称或姓名</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>last 4 digits of the phone</source>
        <translation>手机后 4 位</translation>
    </message>
    <message>
        <source>matches {what}</source>
        <translation>匹配{what}</translation>
    </message>
    <message>
        <source>possible match</source>
        <translation>可能匹配</translation>
    </message>
    <message>
        <source>Only the first 3 and last 4 digits of phones are known here, and several buyers share them: check the name.</source>
        <translation>本地只知道手机号的前 3 位和后 4 位，有多个买家相同：请核对姓名。</translation>
    </message>
    <message>
        <source>Tracking number {no}</source>
        <translation>快递单号 {no}</translation>
    </message>
    <message>
        <source>Nothing found in the local cache</source>
        <translation>本地缓存中没有找到</translation>
    </message>
    <message>
        <source>More buyers match: type more to narrow the search</source>
        <translation>匹配的买家更多：请继续输入以缩小范围</translation>
    </message>
    <message>
        <source>Search failed: {error}</source>
        <translation>搜索失败：{error}</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Shop {id}</source>
        <translation>店铺 {id}</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Waiting conversations</source>
        <translation>等待中的会话</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Enter or double-click: show the conversation, agent or queue</source>
        <translation>回车或双击：定位到相关会话、客服或队列</translation>
    </message>
    <message>
        <source>Enter or double-click: the agent's conversations, to reassign or take over one</source>
        <translation>回车或双击：查看该客服的会话，可改派或接管</translation>
    </message>
    <message>
        <source>Filter agents: staff id, name, group or status</source>
        <translation>筛选客服：工号、姓名、技能组或状态</translation>
    </message>
    <message>
        <source>Filter agents</source>
        <translation>筛选客服</translation>
    </message>
    <message>
        <source>Waiting conversations (drag onto an agent)</source>
        <translation>等待中的会话（拖到客服上即分配）</translation>
    </message>
    <message>
        <source>&amp;Assign to an agent…</source>
        <translation>分配给客服(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Take over</source>
        <translation>我来接管(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Move an agent's conversations…</source>
        <translation>转移客服的会话(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Capacity and groups…</source>
        <translation>接待上限和技能组(&amp;C)…</translation>
    </message>
    <message>
        <source>An agent's &amp;conversations…</source>
        <translation>查看其会话(&amp;C)…</translation>
    </message>
    <message>
        <source>S&amp;ort by the current column</source>
        <translation>按当前列排序(&amp;O)</translation>
    </message>
    <message>
        <source>Monitoring &amp;settings…</source>
        <translation>监控设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Supervisor &amp;actions…</source>
        <translation>主管操作记录(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Loading the dashboard…</source>
        <translation>正在加载监控看板…</translation>
    </message>
    <message>
        <source>Data as of {time} ({minutes} min ago) — the service cannot be reached</source>
        <translation>数据截至 {time}（{minutes} 分钟前）— 无法连接服务</translation>
    </message>
    <message>
        <source>Live · updated {time}</source>
        <translation>实时 · 更新于 {time}</translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation>暂无提醒</translation>
    </message>
    <message>
        <source>SLA breach: {buyer} in {shop} · {group} has waited {wait} (limit {limit})</source>
        <translation>超时：{shop} · {group} 的 {buyer} 已等待 {wait}（时限 {limit}）</translation>
    </message>
    <message>
        <source>conversation {id}</source>
        <translation>会话 {id}</translation>
    </message>
    <message>
        <source>Complaint spike in {shop}: {count} complaints since {time} (usual level {level})</source>
        <translation>投诉激增：{shop} 自 {time} 起 {count} 起投诉（平常水平 {level}）</translation>
    </message>
    <message>
        <source>Over capacity: {agent} holds {load} conversations (capacity {capacity})</source>
        <translation>超出上限：{agent} 正在接待 {load} 个会话（上限 {capacity}）</translation>
    </message>
    <message>
        <source>The service cannot be reached: the dashboard appears when it answers.</source>
        <translation>无法连接服务：服务恢复后即显示监控看板。</translation>
    </message>
    <message>
        <source>Not changed: {name}({staff_id}) has this conversation now.</source>
        <translation>未改动：此会话现由 {name}({staff_id}) 接待。</translation>
    </message>
    <message>
        <source>Not changed: the conversation changed meanwhile (status: {status}).</source>
        <translation>未改动：会话已被改变（状态：{status}）。</translation>
    </message>
    <message>
        <source>Offline: this needs a connection to the service.</source>
        <translation>离线：此操作需要连接服务。</translation>
    </message>
    <message>
        <source>Not allowed: {message}</source>
        <translation>无权限：{message}</translation>
    </message>
    <message>
        <source>The service refused: {message}</source>
        <translation>服务拒绝：{message}</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <source>you</source>
        <translation>我</translation>
    </message>
    <message>
        <source>Conversation {id} assigned to {name}.</source>
        <translation>会话 {id} 已分配给 {name}。</translation>
    </message>
    <message>
        <source>Select a waiting conversation first.</source>
        <translation>请先选择一个等待中的会话。</translation>
    </message>
    <message>
        <source>Assign to an agent</source>
        <translation>分配给客服</translation>
    </message>
    <message>
        <source>Select an agent first.</source>
        <translation>请先选择一位客服。</translation>
    </message>
    <message>
        <source>Buyer {id}</source>
        <translation>买家 {id}</translation>
    </message>
    <message>
        <source>Give {buyer} (held by {name}) to</source>
        <translation>将 {buyer}（{name} 接待中）改派给</translation>
    </message>
    <message>
        <source>{table}: in the service's order</source>
        <translation>{table}：恢复默认顺序</translation>
    </message>
    <message>
        <source>{table}: sorted by {column}, ascending</source>
        <translation>{table}：按“{column}”升序</translation>
    </message>
    <message>
        <source>{table}: sorted by {column}, descending</source>
        <translation>{table}：按“{column}”降序</translation>
    </message>
    <message>
        <source>Move {name}'s conversations to</source>
        <translation>将 {name} 的会话转移到</translation>
    </message>
    <message>
        <source>the queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>{moved} conversation(s) of {name} moved to {target}.</source>
        <translation>已将 {name} 的 {moved} 个会话转移到 {target}。</translation>
    </message>
    <message>
        <source>{n} changed hands meanwhile and were left as they are.</source>
        <translation>其中 {n} 个期间已易手，保持不变。</translation>
    </message>
    <message>
        <source>{name}: capacity {capacity}, groups {groups}.</source>
        <translation>{name}：接待上限 {capacity}，技能组 {groups}。</translation>
    </message>
    <message>
        <source>Monitoring settings saved.</source>
        <translation>监控设置已保存。</translation>
    </message>
    <message>
        <source>Move all back to the &amp;queue</source>
        <translation>全部退回队列(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Your work is saved. Show the details to copy them for your support team.</source>
        <translation>您的工作已保存。可展开详细信息并复制给技术支持。</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <source>Escalate to a supervisor</source>
        <translation>升级给主管</translation>
    </message>
    <message>
        <source>&amp;Why does this need a supervisor?</source>
        <translation>为什么需要主管处理(&amp;W)？</translation>
    </message>
</context>
<context>
    <name>FixDialog</name>
    <message>
        <source>Fix and resend</source>
        <translation>修改后重发</translation>
    </message>
    <message>
        <source>{what} · {subject}
Rejected: {error}</source>
        <translation>{what} · {subject}
被拒绝：{error}</translation>
    </message>
    <message>
        <source>This change has nothing to correct: it can be sent again as it is.</source>
        <translation>此修改没有可更正的内容，可以原样重新发送。</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>重新发送</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Presale balance due</source>
        <translation>预售尾款待付</translation>
    </message>
    <message>
        <source>Missed shipment</source>
        <translation>超时未发货</translation>
    </message>
    <message>
        <source>Promised call-back</source>
        <translation>承诺回电</translation>
    </message>
    <message>
        <source>Open complaint</source>
        <translation>未结投诉</translation>
    </message>
    <message>
        <source>Unpaid order to nudge</source>
        <translation>待催付订单</translation>
    </message>
    <message>
        <source>Stuck parcel</source>
        <translation>物流停滞</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Order {no}</source>
        <translation>订单 {no}</translation>
    </message>
    <message>
        <source>Conversation {id}</source>
        <translation>会话 {id}</translation>
    </message>
    <message>
        <source>Item {n} has no text: write what the next shift should do, or remove it.</source>
        <translation>第 {n} 项没有内容：请写明下一班要做什么，或删除此项。</translation>
    </message>
    <message>
        <source>Item {n} is too long (at most 1000 characters).</source>
        <translation>第 {n} 项太长（最多 1000 字）。</translation>
    </message>
    <message>
        <source>The summary is too long (at most 2000 characters).</source>
        <translation>总结太长（最多 2000 字）。</translation>
    </message>
    <message>
        <source>Choose the kind of every item.</source>
        <translation>请为每一项选择类型。</translation>
    </message>
    <message>
        <source>You do not work in this shop.</source>
        <translation>您不在此店铺工作。</translation>
    </message>
    <message>
        <source>This handover is published and can no longer be changed.</source>
        <translation>此交接已发布，不能再修改。</translation>
    </message>
    <message>
        <source>Only its author can change or publish a handover.</source>
        <translation>只有作者可以修改或发布交接。</translation>
    </message>
    <message>
        <source>This handover is not in the local cache.</source>
        <translation>本地缓存中没有此交接。</translation>
    </message>
    <message>
        <source>This item is not in the local cache.</source>
        <translation>本地缓存中没有此事项。</translation>
    </message>
    <message>
        <source>Only a published handover can be read and worked through.</source>
        <translation>只有已发布的交接可以阅读和处理。</translation>
    </message>
    <message>
        <source>Nobody is logged in on this cache: log in again.</source>
        <translation>此缓存没有登录用户，请重新登录。</translation>
    </message>
    <message>
        <source>Shifts are set by the shop's supervisors.</source>
        <translation>班次由店铺主管设置。</translation>
    </message>
    <message>
        <source>Give the shift a name and a code (e.g. 早班, early).</source>
        <translation>请填写班次名称和代码（如 早班、early）。</translation>
    </message>
    <message>
        <source>A shift's code has at most 16 characters and its name at most 32.</source>
        <translation>班次代码最多 16 个字符，名称最多 32 个字符。</translation>
    </message>
    <message>
        <source>A shift cannot start and end at the same time.</source>
        <translation>班次的开始和结束时间不能相同。</translation>
    </message>
    <message>
        <source>This shop already has a shift with the code {code}.</source>
        <translation>此店铺已有代码为 {code} 的班次。</translation>
    </message>
</context>
<context>
    <name>HandoverBanner</name>
    <message>
        <source>Read the handover</source>
        <translation>查看交接</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>{author} left a handover for your shift ({n} open items).</source>
        <translation>{author} 给您的班次留了交接（{n} 项未完成）。</translation>
    </message>
</context>
<context>
    <name>HandoverWindow</name>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Hand over (mine)</source>
        <translation>交班（我的）</translation>
    </message>
    <message>
        <source>Take over (incoming)</source>
        <translation>接班（收到的）</translation>
    </message>
    <message>
        <source>Sent and read</source>
        <translation>已发出 · 阅读情况</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>From shift</source>
        <translation>交班班次</translation>
    </message>
    <message>
        <source>To shift</source>
        <translation>接班班次</translation>
    </message>
    <message>
        <source>Shop:</source>
        <translation>店铺：</translation>
    </message>
    <message>
        <source>From shift:</source>
        <translation>交班班次：</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>接班班次：</translation>
    </message>
    <message>
        <source>Handover items</source>
        <translation>交接事项</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Due time</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结束</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>待办事项：</translation>
    </message>
    <message>
        <source>About:</source>
        <translation>关联：</translation>
    </message>
    <message>
        <source>&amp;Add item</source>
        <translation>添加事项(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove item</source>
        <translation>删除事项(&amp;R)</translation>
    </message>
    <message>
        <source>Propose &amp;again</source>
        <translation>重新建议(&amp;A)</translation>
    </message>
    <message>
        <source>Add what is open now that is not in the list yet</source>
        <translation>把当前未完成、尚未列出的事项加进来</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <source>Summary for the next shift (optional)</source>
        <translation>给下一班的总结（可选）</translation>
    </message>
    <message>
        <source>Save &amp;draft</source>
        <translation>保存草稿(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>总结：</translation>
    </message>
    <message>
        <source>Draft saved at {time}</source>
        <translation>草稿保存于 {time}</translation>
    </message>
    <message>
        <source>pending sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <source>Proposed from what is open now: {n} items. Edit, remove or add, then publish.</source>
        <translation>根据当前未完成的工作建议了 {n} 项。可编辑、删除或添加，然后发布。</translation>
    </message>
    <message>
        <source>Shop {id}</source>
        <translation>店铺 {id}</translation>
    </message>
    <message>
        <source>This shop has no shifts yet: a supervisor sets them up (Shifts tab).</source>
        <translation>此店铺还没有班次：请主管在“班次”页设置。</translation>
    </message>
    <message>
        <source>(carried over) </source>
        <translation>（延续）</translation>
    </message>
    <message>
        <source>Not linked to an order or conversation</source>
        <translation>未关联订单或会话</translation>
    </message>
    <message>
        <source>{n} items added</source>
        <translation>已添加 {n} 项</translation>
    </message>
    <message>
        <source>Choose the shop and the shifts.</source>
        <translation>请选择店铺和班次。</translation>
    </message>
    <message>
        <source>Item {n} has no text: write what the next shift should do, or remove it.</source>
        <translation>第 {n} 项没有内容：请写明下一班要做什么，或删除此项。</translation>
    </message>
    <message>
        <source>Handover published</source>
        <translation>交接已发布</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>草稿已保存</translation>
    </message>
    <message>
        <source>Draft saved (pending sync)</source>
        <translation>草稿已保存（待同步）</translation>
    </message>
    <message>
        <source>Nothing to hand over: add an item or a summary.</source>
        <translation>没有可交接的内容：请添加事项或总结。</translation>
    </message>
    <message>
        <source>Could not save locally: {error}</source>
        <translation>无法在本地保存：{error}</translation>
    </message>
    <message>
        <source>Could not read handovers from the local cache: {error}</source>
        <translation>无法从本地缓存读取交接：{error}</translation>
    </message>
    <message>
        <source>Handovers received</source>
        <translation>收到的交接</translation>
    </message>
    <message>
        <source>Items to handle</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>标记完成(&amp;D)</translation>
    </message>
    <message>
        <source>Read (&amp;acknowledge)</source>
        <translation>已阅(&amp;A)</translation>
    </message>
    <message>
        <source>{author} · {from_shift} → {to_shift}
{time} · {open} open{read}</source>
        <translation>{author} · {from_shift} → {to_shift}
{time} · {open} 项未完成{read}</translation>
    </message>
    <message>
        <source>read</source>
        <translation>已阅</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>未阅</translation>
    </message>
    <message>
        <source>No handover addressed to your shift.</source>
        <translation>没有给您班次的交接。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{author}&lt;/b&gt; handed over {from_shift} → {to_shift} on {day}, published {time}</source>
        <translation>&lt;b&gt;{author}&lt;/b&gt; 交接 {day} {from_shift} → {to_shift}，发布于 {time}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>(no longer exists)</source>
        <translation>（已不存在）</translation>
    </message>
    <message>
        <source>Read ✔</source>
        <translation>已阅 ✔</translation>
    </message>
    <message>
        <source>Nobody has read it yet.</source>
        <translation>还没有人阅读。</translation>
    </message>
    <message>
        <source>Read by: {who}</source>
        <translation>已阅：{who}</translation>
    </message>
    <message>
        <source>Item marked done</source>
        <translation>事项已标记完成</translation>
    </message>
    <message>
        <source>Item open again</source>
        <translation>事项已重新打开</translation>
    </message>
    <message>
        <source>Handover acknowledged</source>
        <translation>已确认阅读交接</translation>
    </message>
    <message>
        <source>Handovers sent</source>
        <translation>发出的交接</translation>
    </message>
    <message>
        <source>read by {n}</source>
        <translation>{n} 人已阅</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>尚无人阅读</translation>
    </message>
    <message>
        <source>{author} · {from_shift} → {to_shift} · {time}
{state}</source>
        <translation>{author} · {from_shift} → {to_shift} · {time}
{state}</translation>
    </message>
    <message>
        <source>No published handovers yet.</source>
        <translation>还没有已发布的交接。</translation>
    </message>
    <message>
        <source>{from_shift} → {to_shift}, {day} · published {time}{pending}</source>
        <translation>{day} {from_shift} → {to_shift} · 发布于 {time}{pending}</translation>
    </message>
    <message>
        <source>Items ({open} open of {n}):</source>
        <translation>事项（共 {n} 项，{open} 项未完成）：</translation>
    </message>
    <message>
        <source>&amp;New shift</source>
        <translation>新建班次(&amp;N)</translation>
    </message>
    <message>
        <source>Save &amp;shift</source>
        <translation>保存班次(&amp;S)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>Starts:</source>
        <translation>开始：</translation>
    </message>
    <message>
        <source>Ends (00:00 = midnight; before the start = the next day):</source>
        <translation>结束（00:00 为午夜；早于开始时间即次日）：</translation>
    </message>
    <message>
        <source>Give the shift a name and a code (e.g. 早班, early).</source>
        <translation>请填写班次名称和代码（如 早班、early）。</translation>
    </message>
    <message>
        <source>Shift saved (pending sync)</source>
        <translation>班次已保存（待同步）</translation>
    </message>
    <message>
        <source>Order {no} is not in the local cache (deleted, or not synced yet).</source>
        <translation>本地缓存中没有订单 {no}（已删除或尚未同步）。</translation>
    </message>
</context>
<context>
    <name>HeldDialog</name>
    <message>
        <source>Conversations of {name}({staff_id})</source>
        <translation>{name}({staff_id}) 的会话</translation>
    </message>
    <message>
        <source>Conversations this agent holds</source>
        <translation>该客服接待中的会话</translation>
    </message>
    <message>
        <source>{name} holds {n} conversation(s) (load on the dashboard: {load}/{capacity}).</source>
        <translation>{name} 接待中 {n} 个会话（看板上的负载：{load}/{capacity}）。</translation>
    </message>
    <message>
        <source>{name} holds no conversations.</source>
        <translation>{name} 当前没有接待中的会话。</translation>
    </message>
    <message>
        <source>&amp;Reassign to an agent…</source>
        <translation>改派给客服(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Take over</source>
        <translation>我来接管(&amp;T)</translation>
    </message>
</context>
<context>
    <name>HeldModel</name>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>最新消息</translation>
    </message>
    <message>
        <source>Buyer {id}</source>
        <translation>买家 {id}</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import phrases: preview</source>
        <translation>导入短语：预览</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Was: {text}</source>
        <translation>原为：{text}</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>{file}{encoding}: {added} to add, {changed} to change, {skipped} skipped</source>
        <translation>{file}{encoding}：新增 {added} 条，修改 {changed} 条，跳过 {skipped} 条</translation>
    </message>
    <message>
        <source>Import {n} phrases</source>
        <translation>导入 {n} 条短语</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Pre-sale</source>
        <translation>售前</translation>
    </message>
    <message>
        <source>Pre-sale question</source>
        <translation>售前咨询</translation>
    </message>
    <message>
        <source>Order change</source>
        <translation>订单修改</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>After-sale</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>接待中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Taobao</source>
        <translation>淘宝</translation>
    </message>
    <message>
        <source>Tmall</source>
        <translation>天猫</translation>
    </message>
    <message>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Web shop</source>
        <translation>官网商城</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <source>Offline since {time}</source>
        <translation>离线 自 {time}</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Login needed</source>
        <translation>需要登录</translation>
    </message>
    <message>
        <source>App too old</source>
        <translation>版本过旧</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to Workstation</source>
        <translation>登录客服工作台</translation>
    </message>
    <message>
        <source>http://server:8000</source>
        <translation>http://服务器:8000</translation>
    </message>
    <message>
        <source>e.g. kf001</source>
        <translation>例如 kf001</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Staff id</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <source>Enter your staff id.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Logging in to {server}…</source>
        <translation>正在登录 {server}…</translation>
    </message>
    <message>
        <source>“{server}” is not a valid server address. Use a form like http://server:8000.</source>
        <translation>“{server}”不是有效的服务器地址，请使用 http://服务器:8000 这样的格式。</translation>
    </message>
    <message>
        <source>Workstation is already open for this staff id on this computer. Close the other window first.</source>
        <translation>本机已有窗口以此工号打开了工作台，请先关闭另一个窗口。</translation>
    </message>
    <message>
        <source>Wrong staff id or password.</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <source>This account may not use Workstation.</source>
        <translation>此账号无权使用客服工作台。</translation>
    </message>
    <message>
        <source>This version of Workstation is too old for the server. Please update it.</source>
        <translation>此版本的客服工作台对服务器而言过旧，请升级。</translation>
    </message>
    <message>
        <source>Cannot reach the server at {server}. Check the address and the network, or ask whether the server is running.</source>
        <translation>无法连接服务器 {server}。请检查地址和网络，或确认服务器是否已启动。</translation>
    </message>
    <message>
        <source>The server is busy or under maintenance. Try again in a moment.</source>
        <translation>服务器繁忙或正在维护，请稍后再试。</translation>
    </message>
    <message>
        <source>The server at {server} did not answer like a Workstation server. Check the address.</source>
        <translation>{server} 的响应不像客服工作台服务器，请检查地址。</translation>
    </message>
    <message>
        <source>The server refused the login: {reason}</source>
        <translation>服务器拒绝登录：{reason}</translation>
    </message>
    <message>
        <source>Login failed: {error}</source>
        <translation>登录失败：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Workstation — {name}({staff_id})</source>
        <translation>客服工作台 — {name}({staff_id})</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>接待列表</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Customer and orders</source>
        <translation>客户与订单</translation>
    </message>
    <message>
        <source>Work lists</source>
        <translation>工作清单</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>监控看板</translation>
    </message>
    <message>
        <source>Click to see the changes waiting to sync</source>
        <translation>点击查看待同步的修改</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Log in &amp;again…</source>
        <translation>重新登录(&amp;A)…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>会话(&amp;C)</translation>
    </message>
    <message>
        <source>Go to &amp;queue</source>
        <translation>转到接待列表(&amp;Q)</translation>
    </message>
    <message>
        <source>Quick &amp;phrases…</source>
        <translation>快捷短语(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language (applies after restart)</source>
        <translation>语言（重启后生效）(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Unpaid orders to nudge</source>
        <translation>待催付订单(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Stuck parcels</source>
        <translation>物流异常/停滞包裹(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;hift</source>
        <translation>交接班(&amp;H)</translation>
    </message>
    <message>
        <source>Shift &amp;handover…</source>
        <translation>交接班(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Handovers for my shift</source>
        <translation>我班次收到的交接(&amp;H)</translation>
    </message>
    <message>
        <source>Changes waiting to &amp;sync…</source>
        <translation>待同步的修改(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Workstation</source>
        <translation>关于客服工作台(&amp;A)</translation>
    </message>
    <message>
        <source>S&amp;upervisor</source>
        <translation>主管(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>监控看板(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Agent desk</source>
        <translation>接待台(&amp;A)</translation>
    </message>
    <message>
        <source>Take &amp;over this conversation</source>
        <translation>接管此会话(&amp;O)</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Served by {name}: take it over</source>
        <translation>{name} 接待中：由我接管</translation>
    </message>
    <message>
        <source>No secure password store (keychain) is available on this computer, so your login is kept only until Workstation closes; you will need to log in again after a restart.</source>
        <translation>本机没有可用的安全密码存储（钥匙串），登录状态只保留到工作台关闭；重启后需要重新登录。</translation>
    </message>
    <message>
        <source>The local cache was damaged and has been rebuilt from the server. Your unsent changes ({outbox}) and drafts ({drafts}) were kept. The damaged file was set aside as {path}.</source>
        <translation>本地缓存已损坏，已从服务器重建。未同步的更改（{outbox} 条）和草稿（{drafts} 份）均已保留。损坏的文件已另存为 {path}。</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>客服工作台</translation>
    </message>
    <message>
        <source>Last synced at {time}</source>
        <translation>上次同步于 {time}</translation>
    </message>
    <message>
        <source>{n} changes waiting to sync</source>
        <translation>{n} 条待同步</translation>
    </message>
    <message>
        <source>{n} changes rejected</source>
        <translation>{n} 条被拒绝</translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation>报表(&amp;R)…</translation>
    </message>
    <message>
        <source>Daily and per-agent reports with charts, exported to Excel or CSV</source>
        <translation>日报与客服报表（含图表），可导出 Excel 或 CSV</translation>
    </message>
    <message>
        <source>Only supervisors see the dashboard and its alerts</source>
        <translation>只有主管能看到监控看板及其提醒</translation>
    </message>
    <message>
        <source>Quick phrases while writing a reply</source>
        <translation>写回复时调出快捷短语</translation>
    </message>
    <message>
        <source>Insert a suggested phrase</source>
        <translation>插入推荐短语</translation>
    </message>
    <message>
        <source>Offline: claiming needs a connection to the server</source>
        <translation>离线：接入会话需要连接服务器</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Your login expired: log in again to claim (File → Log in again)</source>
        <translation>登录已过期：请重新登录后再接入（文件 → 重新登录）</translation>
    </message>
    <message>
        <source>This version is too old for the server: please update Workstation</source>
        <translation>版本过旧：请升级客服工作台</translation>
    </message>
    <message>
        <source>The language will change when Workstation restarts.</source>
        <translation>语言将在工作台重启后切换。</translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>New line in the reply</source>
        <translation>回复内换行</translation>
    </message>
    <message>
        <source>About Workstation</source>
        <translation>关于客服工作台</translation>
    </message>
    <message>
        <source>Workstation: the customer-service agent's desk.</source>
        <translation>客服工作台：电商客服的接待桌面。</translation>
    </message>
    <message>
        <source>Logged in to {server}</source>
        <translation>已登录 {server}</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>No flag</source>
        <translation>无旗帜</translation>
    </message>
    <message>
        <source>Red flag</source>
        <translation>红旗</translation>
    </message>
    <message>
        <source>Yellow flag</source>
        <translation>黄旗</translation>
    </message>
    <message>
        <source>Green flag</source>
        <translation>绿旗</translation>
    </message>
    <message>
        <source>Blue flag</source>
        <translation>蓝旗</translation>
    </message>
    <message>
        <source>Purple flag</source>
        <translation>紫旗</translation>
    </message>
    <message>
        <source>Address change</source>
        <translation>修改地址</translation>
    </message>
    <message>
        <source>Quantity change</source>
        <translation>修改数量</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Shipping instruction</source>
        <translation>发货要求</translation>
    </message>
    <message>
        <source>After-sale</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>No reason</source>
        <translation>无事由</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>merged with a concurrent edit</source>
        <translation>已与同时的修改合并</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>restored a deleted note</source>
        <translation>恢复了已删除的备注</translation>
    </message>
    <message>
        <source>conflict resolved</source>
        <translation>冲突已解决</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>User {id}</source>
        <translation>用户 {id}</translation>
    </message>
    <message>
        <source>Your team now requires a reason for every note change: choose one and send it again.</source>
        <translation>团队现已要求每次修改备注都填写事由：请选择事由后重新发送。</translation>
    </message>
    <message>
        <source>Order note — {order}</source>
        <translation>订单备注 — {order}</translation>
    </message>
    <message>
        <source>Conflict: two edits overlapped — both are kept until resolved</source>
        <translation>冲突：两处修改重叠，解决前两者都保留</translation>
    </message>
    <message>
        <source>Keep &amp;both</source>
        <translation>两条都保留(&amp;B)</translation>
    </message>
    <message>
        <source>Resolve with both texts, one after the other</source>
        <translation>保留两段文字（先后排列）来解决冲突</translation>
    </message>
    <message>
        <source>&amp;Edit a merge…</source>
        <translation>编辑合并(&amp;E)…</translation>
    </message>
    <message>
        <source>Put both texts into the editor; saving resolves the conflict</source>
        <translation>把两段文字放进编辑框，保存即解决冲突</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>备注内容</translation>
    </message>
    <message>
        <source>The seller note, e.g. 买家要求改地址为… 已通知仓库</source>
        <translation>卖家备注，例如：买家要求改地址为… 已通知仓库</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>变动事由</translation>
    </message>
    <message>
        <source>Choose the reason…</source>
        <translation>选择变动事由…</translation>
    </message>
    <message>
        <source>Reason in your words</source>
        <translation>事由说明</translation>
    </message>
    <message>
        <source>Details (optional)</source>
        <translation>补充说明（可选）</translation>
    </message>
    <message>
        <source>As the platform shows it:</source>
        <translation>平台显示效果：</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>保存(&amp;S)（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;Delete note</source>
        <translation>删除备注(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>Show the note as it is now and drop what you typed</source>
        <translation>显示备注当前内容，放弃您输入的内容</translation>
    </message>
    <message>
        <source>History (newest first)</source>
        <translation>修改记录（最新在前）</translation>
    </message>
    <message>
        <source>Note history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Could not read the note from the local cache: {error}</source>
        <translation>无法从本地缓存读取备注：{error}</translation>
    </message>
    <message>
        <source>No note yet</source>
        <translation>暂无备注</translation>
    </message>
    <message>
        <source>{flag} · last changed by {who} at {time}</source>
        <translation>{flag} · 最后由 {who} 于 {time} 修改</translation>
    </message>
    <message>
        <source>Pending sync: your change is saved here and will be sent</source>
        <translation>待同步：您的修改已保存在本机，联网后发送</translation>
    </message>
    <message>
        <source>Deleted — saving an edit restores it</source>
        <translation>已删除 — 保存修改即可恢复</translation>
    </message>
    <message>
        <source>Restored: an edit was made against a deletion</source>
        <translation>已恢复：有人在删除后修改了备注</translation>
    </message>
    <message>
        <source>{who} wrote ({flag}):</source>
        <translation>{who} 写的（{flag}）：</translation>
    </message>
    <message>
        <source>Keep this one</source>
        <translation>保留这条</translation>
    </message>
    <message>
        <source>No changes yet.</source>
        <translation>暂无修改记录。</translation>
    </message>
    <message>
        <source>Older changes are not shown.</source>
        <translation>更早的修改未显示。</translation>
    </message>
    <message>
        <source>Pending sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Deleted the note</source>
        <translation>删除了备注</translation>
    </message>
    <message>
        <source>Resolved the conflict:</source>
        <translation>解决了冲突：</translation>
    </message>
    <message>
        <source>Flag {old} → {new}</source>
        <translation>旗帜 {old} → {new}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Written: {text}</source>
        <translation>原文：{text}</translation>
    </message>
    <message>
        <source>Reason: {error}</source>
        <translation>原因：{error}</translation>
    </message>
    <message>
        <source>resent as a new change</source>
        <translation>已作为新修改重新发送</translation>
    </message>
    <message>
        <source>Fix and resend</source>
        <translation>修改后重发</translation>
    </message>
    <message>
        <source>Recorded automatically: {name}({staff_id}), at the time you save</source>
        <translation>自动记录：{name}({staff_id})，时间取保存时刻</translation>
    </message>
    <message>
        <source>(no note)</source>
        <translation>（无备注）</translation>
    </message>
    <message>
        <source>{n} characters: the limit is {max}</source>
        <translation>{n} 字：上限为 {max}</translation>
    </message>
    <message>
        <source>{used} / {max} bytes — over the platform's limit, it will cut the note</source>
        <translation>{used} / {max} 字节 — 超出平台上限，平台会截断备注</translation>
    </message>
    <message>
        <source>{used} / {max} bytes — close to the platform's limit</source>
        <translation>{used} / {max} 字节 — 接近平台上限</translation>
    </message>
    <message>
        <source>{used} / {max} bytes</source>
        <translation>{used} / {max} 字节</translation>
    </message>
    <message>
        <source>Reaso&amp;n (required):</source>
        <translation>事由(&amp;N)（必填）：</translation>
    </message>
    <message>
        <source>Your team requires a reason for every note change</source>
        <translation>团队要求每次修改备注都填写事由</translation>
    </message>
    <message>
        <source>Reaso&amp;n (optional):</source>
        <translation>事由(&amp;N)（可选）：</translation>
    </message>
    <message>
        <source>Your team does not require a reason for note changes</source>
        <translation>团队不要求修改备注时填写事由</translation>
    </message>
    <message>
        <source>Type the reason (required for Other)</source>
        <translation>请输入事由（选“其他”时必填）</translation>
    </message>
    <message>
        <source>Choose the reason for the change: your team requires one for every note change.</source>
        <translation>请选择变动事由：团队要求每次修改备注都填写事由。</translation>
    </message>
    <message>
        <source>Choose the reason for the change.</source>
        <translation>请选择变动事由。</translation>
    </message>
    <message>
        <source>Type the reason for the change (Other needs a reason).</source>
        <translation>请输入变动事由（选“其他”时必填）。</translation>
    </message>
    <message>
        <source>The note has {n} characters; the limit is {max}. Shorten it — your text stays here.</source>
        <translation>备注有 {n} 字，上限为 {max}。请删减 — 您的文字仍保留在这里。</translation>
    </message>
    <message>
        <source>Note saved</source>
        <translation>备注已保存</translation>
    </message>
    <message>
        <source>Note deleted</source>
        <translation>备注已删除</translation>
    </message>
    <message>
        <source>Could not save the change locally: {error}</source>
        <translation>无法在本地保存修改：{error}</translation>
    </message>
    <message>
        <source>The note has {length} characters; the limit is {limit}. Shorten it — your text stays here.</source>
        <translation>备注有 {length} 字，上限为 {limit}。请删减 — 您的文字仍保留在这里。</translation>
    </message>
    <message>
        <source>The reason is {length} characters long; at most {limit} are allowed.</source>
        <translation>事由有 {length} 字，最多 {limit} 字。</translation>
    </message>
    <message>
        <source>Unknown flag.</source>
        <translation>未知的旗帜。</translation>
    </message>
    <message>
        <source>This order belongs to a shop you do not work in: you cannot change its note.</source>
        <translation>此订单属于您不负责的店铺，不能修改其备注。</translation>
    </message>
    <message>
        <source>This order is not among the orders of your shops in the local cache.</source>
        <translation>本地缓存中您的店铺没有此订单。</translation>
    </message>
    <message>
        <source>Nobody is logged in on this cache: log in again.</source>
        <translation>此缓存没有登录用户，请重新登录。</translation>
    </message>
    <message>
        <source>Edit the merged note, then save (Ctrl+Enter) to resolve the conflict</source>
        <translation>编辑合并后的备注，然后保存（Ctrl+Enter）以解决冲突</translation>
    </message>
    <message>
        <source>Both texts together have {n} characters; the limit is {max}. Use "Edit a merge".</source>
        <translation>两段文字共 {n} 字，上限为 {max}。请使用“编辑合并”。</translation>
    </message>
    <message>
        <source>Conflict resolved</source>
        <translation>冲突已解决</translation>
    </message>
    <message>
        <source>Rejected: {error} Fix it and save to send it again.</source>
        <translation>被拒绝：{error}请修改后保存以重新发送。</translation>
    </message>
    <message>
        <source>Note: {text}</source>
        <translation>备注：{text}</translation>
    </message>
    <message>
        <source>note conflict</source>
        <translation>备注冲突</translation>
    </message>
    <message>
        <source>pending sync</source>
        <translation>待同步</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <source>Written</source>
        <translation>写入时间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>resent as a new change</source>
        <translation>已作为新修改重新发送</translation>
    </message>
    <message>
        <source>(tried {n}×)</source>
        <translation>（已尝试 {n} 次）</translation>
    </message>
    <message>
        <source>{reason}
(service: {message})</source>
        <translation>{reason}
（服务端：{message}）</translation>
    </message>
</context>
<context>
    <name>PendingView</name>
    <message>
        <source>Order note</source>
        <translation>订单备注</translation>
    </message>
    <message>
        <source>Order note deleted</source>
        <translation>订单备注已删除</translation>
    </message>
    <message>
        <source>Note conflict resolved</source>
        <translation>备注冲突已解决</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Handover draft</source>
        <translation>交接草稿</translation>
    </message>
    <message>
        <source>Handover published</source>
        <translation>交接已发布</translation>
    </message>
    <message>
        <source>Handover read</source>
        <translation>交接已阅</translation>
    </message>
    <message>
        <source>Handover item</source>
        <translation>交接事项</translation>
    </message>
    <message>
        <source>Quick phrase</source>
        <translation>快捷短语</translation>
    </message>
    <message>
        <source>Quick phrase deleted</source>
        <translation>快捷短语已删除</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Changes waiting to sync</source>
        <translation>待同步的修改</translation>
    </message>
    <message>
        <source>&amp;Fix and resend…</source>
        <translation>修改后重发(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Resend as it is</source>
        <translation>原样重发(&amp;R)</translation>
    </message>
    <message>
        <source>For a change refused for a reason that no longer holds</source>
        <translation>适用于拒绝原因已不存在的修改</translation>
    </message>
    <message>
        <source>Try to &amp;sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>Everything you wrote is on the server.</source>
        <translation>您写的所有内容都已在服务器上。</translation>
    </message>
    <message>
        <source>{n} changes wait to be sent; they are saved on this computer.</source>
        <translation>{n} 项修改等待发送，已保存在本机。</translation>
    </message>
    <message>
        <source>{n} were rejected by the server: open one to fix and resend it.</source>
        <translation>{n} 项被服务器拒绝：打开后可修改并重发。</translation>
    </message>
    <message>
        <source>Could not read the pending changes: {error}</source>
        <translation>无法读取待同步的修改：{error}</translation>
    </message>
    <message>
        <source>Sent again as a new change</source>
        <translation>已作为新修改重新发送</translation>
    </message>
    <message>
        <source>Cannot resend: {error}</source>
        <translation>无法重发：{error}</translation>
    </message>
    <message>
        <source>Could not save locally: {error}</source>
        <translation>无法在本地保存：{error}</translation>
    </message>
    <message>
        <source>Trying to reach the server…</source>
        <translation>正在尝试连接服务器…</translation>
    </message>
</context>
<context>
    <name>PhraseAssist</name>
    <message>
        <source>No value for this variable in this conversation: replace it before sending</source>
        <translation>本会话中此变量没有值：发送前请替换</translation>
    </message>
    <message>
        <source>Loading phrases…</source>
        <translation>正在加载短语…</translation>
    </message>
    <message>
        <source>No phrase matches</source>
        <translation>没有匹配的短语</translation>
    </message>
    <message>
        <source>No value here for: {names}</source>
        <translation>当前会话没有这些值：{names}</translation>
    </message>
</context>
<context>
    <name>PhraseManager</name>
    <message>
        <source>Quick phrases</source>
        <translation>快捷短语</translation>
    </message>
    <message>
        <source>Team phrases are kept by supervisors: read only.</source>
        <translation>团队短语由主管维护：只读。</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>新建分组…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>e.g. dz (typed as /dz)</source>
        <translation>例如 dz（输入 /dz 调用）</translation>
    </message>
    <message>
        <source>Text; variables such as {买家昵称} or {订单号} are filled in</source>
        <translation>内容；{买家昵称}、{订单号} 等变量会自动填入</translation>
    </message>
    <message>
        <source>Variables: {names}</source>
        <translation>变量：{names}</translation>
    </message>
    <message>
        <source>New phrase</source>
        <translation>新建短语</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Code already used on line {detail} of the file</source>
        <translation>编码与文件第 {detail} 行重复</translation>
    </message>
    <message>
        <source>No text</source>
        <translation>内容为空</translation>
    </message>
    <message>
        <source>Unknown variables: {detail}</source>
        <translation>未知变量：{detail}</translation>
    </message>
    <message>
        <source>Text too long ({detail} characters)</source>
        <translation>内容过长（{detail} 字）</translation>
    </message>
    <message>
        <source>Code too long</source>
        <translation>编码过长</translation>
    </message>
    <message>
        <source>Group name too long</source>
        <translation>分组名过长</translation>
    </message>
    <message>
        <source>Already there, unchanged</source>
        <translation>已存在，内容相同</translation>
    </message>
    <message>
        <source>The file could not be read: {detail}</source>
        <translation>无法读取文件：{detail}</translation>
    </message>
    <message>
        <source>The file is too large to be a phrase list.</source>
        <translation>文件过大，不像是短语表。</translation>
    </message>
    <message>
        <source>Only Excel (.xlsx) and CSV files can be imported.</source>
        <translation>只能导入 Excel（.xlsx）和 CSV 文件。</translation>
    </message>
    <message>
        <source>This is not a readable Excel (.xlsx) file. Save it again from Excel and retry.</source>
        <translation>这不是可读取的 Excel（.xlsx）文件。请在 Excel 中重新保存后再试。</translation>
    </message>
    <message>
        <source>The text encoding of this CSV file is not recognised (expected UTF-8 or GBK).</source>
        <translation>无法识别此 CSV 文件的编码（应为 UTF-8 或 GBK）。</translation>
    </message>
    <message>
        <source>No column for the phrase text. The first row must name the columns: 分组, 快捷编码, 内容 (or group, code, text). Found: {detail}</source>
        <translation>没有短语内容列。第一行须为列名：分组、快捷编码、内容（或 group、code、text）。找到的是：{detail}</translation>
    </message>
    <message>
        <source>The file holds no phrases.</source>
        <translation>文件中没有短语。</translation>
    </message>
    <message>
        <source>The file has more than {detail} rows.</source>
        <translation>文件超过 {detail} 行。</translation>
    </message>
    <message>
        <source>(No group)</source>
        <translation>（未分组）</translation>
    </message>
    <message>
        <source>(not synced yet)</source>
        <translation>（未同步）</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>快捷编码</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Phrase library</source>
        <translation>短语库</translation>
    </message>
    <message>
        <source>Phrase groups</source>
        <translation>短语分组</translation>
    </message>
    <message>
        <source>Phrases</source>
        <translation>短语</translation>
    </message>
    <message>
        <source>Phrases (drag or Alt+↑/↓ to reorder)</source>
        <translation>短语（拖动或 Alt+↑/↓ 调整顺序）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Phrases of</source>
        <translation>短语库</translation>
    </message>
    <message>
        <source>Could not complete: {error}</source>
        <translation>操作未完成：{error}</translation>
    </message>
    <message>
        <source>My phrases</source>
        <translation>我的短语</translation>
    </message>
    <message>
        <source>Team: {shop}</source>
        <translation>团队：{shop}</translation>
    </message>
    <message>
        <source>The text is empty.</source>
        <translation>内容为空。</translation>
    </message>
    <message>
        <source>The text is too long: {n} characters (at most {max}).</source>
        <translation>内容过长：{n} 字（最多 {max} 字）。</translation>
    </message>
    <message>
        <source>Unknown variables: {names}. Known: {known}</source>
        <translation>未知变量：{names}。可用变量：{known}</translation>
    </message>
    <message>
        <source>The code is too long (at most {max} characters).</source>
        <translation>编码过长（最多 {max} 个字符）。</translation>
    </message>
    <message>
        <source>The code cannot contain spaces.</source>
        <translation>编码不能包含空格。</translation>
    </message>
    <message>
        <source>The code /{code} is already used by: {text}</source>
        <translation>编码 /{code} 已被使用：{text}</translation>
    </message>
    <message>
        <source>The group name is too long (at most {max} characters).</source>
        <translation>分组名过长（最多 {max} 个字符）。</translation>
    </message>
    <message>
        <source>Open a conversation to see them filled in.</source>
        <translation>打开会话后可看到填入的值。</translation>
    </message>
    <message>
        <source>No value here for: {names}. {what}</source>
        <translation>当前会话没有这些值：{names}。{what}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Delete phrase</source>
        <translation>删除短语</translation>
    </message>
    <message>
        <source>Delete this phrase?

{text}</source>
        <translation>删除这条短语吗？

{text}</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>已删除。</translation>
    </message>
    <message>
        <source>Group renamed: {old} → {new}</source>
        <translation>分组已重命名：{old} → {new}</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新建分组</translation>
    </message>
    <message>
        <source>Name of the new group:</source>
        <translation>新分组名称：</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>重命名分组</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Import phrases</source>
        <translation>导入短语</translation>
    </message>
    <message>
        <source>Phrase lists (*.xlsx *.csv);;All files (*)</source>
        <translation>短语表 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Imported: {added} added, {changed} changed, {skipped} skipped.</source>
        <translation>导入完成：新增 {added} 条，修改 {changed} 条，跳过 {skipped} 条。</translation>
    </message>
    <message>
        <source>Export phrases</source>
        <translation>导出短语</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 表格 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported {n} phrases to {file}.</source>
        <translation>已导出 {n} 条短语到 {file}。</translation>
    </message>
    <message>
        <source>Could not export to {file}: {error}</source>
        <translation>无法导出到 {file}：{error}</translation>
    </message>
</context>
<context>
    <name>PhrasePopup</name>
    <message>
        <source>Matching quick phrases</source>
        <translation>匹配的快捷短语</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter/Tab insert · Esc close</source>
        <translation>↑↓ 选择 · 回车/Tab 插入 · Esc 关闭</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>最新消息</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Search the queue</source>
        <translation>搜索接待列表</translation>
    </message>
    <message>
        <source>Search buyer, shop, message, agent</source>
        <translation>搜索买家、店铺、消息、客服</translation>
    </message>
    <message>
        <source>Filter the queue (Ctrl+F)</source>
        <translation>筛选接待列表（Ctrl+F）</translation>
    </message>
    <message>
        <source>Filter by shop</source>
        <translation>按店铺筛选</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>All shops</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Filter by group</source>
        <translation>按分组筛选</translation>
    </message>
    <message>
        <source>Skill group</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部分组</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结束</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>接待中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话列表</translation>
    </message>
    <message>
        <source>&amp;Claim conversation</source>
        <translation>接入会话(&amp;C)</translation>
    </message>
    <message>
        <source>Claim &amp;next waiting</source>
        <translation>接入下一位(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open conversation</source>
        <translation>打开会话(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Find in queue</source>
        <translation>在列表中查找(&amp;F)</translation>
    </message>
    <message>
        <source>Could not read the queue from the local cache: {error}</source>
        <translation>无法从本地缓存读取接待列表：{error}</translation>
    </message>
    <message>
        <source>{shown} shown, {waiting} waiting</source>
        <translation>显示 {shown} 条，等待中 {waiting} 条</translation>
    </message>
    <message>
        <source>Claiming needs a connection to the server</source>
        <translation>接入会话需要连接服务器</translation>
    </message>
    <message>
        <source>Claiming is not available</source>
        <translation>无法接入</translation>
    </message>
    <message>
        <source>Select a waiting conversation to claim it</source>
        <translation>请选择一个等待中的会话再接入</translation>
    </message>
    <message>
        <source>Claiming…</source>
        <translation>正在接入…</translation>
    </message>
    <message>
        <source>This conversation is already yours</source>
        <translation>该会话已由您接待</translation>
    </message>
    <message>
        <source>This conversation is closed</source>
        <translation>该会话已结束</translation>
    </message>
    <message>
        <source>This conversation is already taken</source>
        <translation>该会话已被接入</translation>
    </message>
    <message>
        <source>Claim the longest-waiting conversation shown</source>
        <translation>接入列表中等待最久的会话</translation>
    </message>
    <message>
        <source>Claim the selected waiting conversation ({shortcut})</source>
        <translation>接入选中的等待会话（{shortcut}）</translation>
    </message>
    <message>
        <source>No waiting conversation to claim</source>
        <translation>没有等待中的会话可接入</translation>
    </message>
    <message>
        <source>Claiming {buyer}…</source>
        <translation>正在接入 {buyer}…</translation>
    </message>
    <message>
        <source>You are now serving {buyer}</source>
        <translation>已接入 {buyer}</translation>
    </message>
    <message>
        <source>This conversation was already taken</source>
        <translation>该会话已被他人接入</translation>
    </message>
    <message>
        <source>Already taken by {name}({staff_id})</source>
        <translation>已被 {name}({staff_id}) 接入</translation>
    </message>
    <message>
        <source>Could not claim: the server cannot be reached. Try again when online.</source>
        <translation>无法接入：连不上服务器，请恢复联网后再试。</translation>
    </message>
    <message>
        <source>Could not claim: please log in again.</source>
        <translation>无法接入：请重新登录。</translation>
    </message>
    <message>
        <source>Could not claim: {reason}</source>
        <translation>无法接入：{reason}</translation>
    </message>
</context>
<context>
    <name>QueuesModel</name>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Avg wait (1 h)</source>
        <translation>平均等待（1 小时）</translation>
    </message>
    <message>
        <source>SLA breaches (1 h)</source>
        <translation>超时（1 小时）</translation>
    </message>
    <message>
        <source>Handled today</source>
        <translation>今日接待</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>⚠ Over SLA ({limit})</source>
        <translation>⚠ 超时（时限 {limit}）</translation>
    </message>
    <message>
        <source>Within SLA ({limit})</source>
        <translation>正常（时限 {limit}）</translation>
    </message>
</context>
<context>
    <name>Rejection</name>
    <message>
        <source>Your team now requires a reason for every note change: choose one and send it again.</source>
        <translation>团队现已要求每次修改备注都填写事由：请选择事由后重新发送。</translation>
    </message>
    <message>
        <source>The reason “Other” needs a typed reason: add one and send it again.</source>
        <translation>选择“其他”作为原因时需要填写具体原因：请补上后重新发送。</translation>
    </message>
    <message>
        <source>A published handover cannot be changed any more.</source>
        <translation>交接已发布，不能再修改。</translation>
    </message>
    <message>
        <source>Someone changed it meanwhile.</source>
        <translation>已被他人修改。</translation>
    </message>
    <message>
        <source>The order no longer exists, so the note was not applied. Its content is kept here: move it to the right order and send it again.</source>
        <translation>该订单已不存在，备注未生效。内容仍保存在本机：请改到正确的订单后重新发送。</translation>
    </message>
    <message>
        <source>The order belongs to a shop you do not work in.</source>
        <translation>该订单属于您不负责的店铺。</translation>
    </message>
    <message>
        <source>The service did not accept this note as written.</source>
        <translation>服务端未接受这条备注的内容。</translation>
    </message>
    <message>
        <source>The phrase uses variables that do not exist: {names}.</source>
        <translation>短语中使用了不存在的变量：{names}。</translation>
    </message>
    <message>
        <source>You may not change this quick phrase: team phrases are kept by the shop's supervisors, personal ones by their owner.</source>
        <translation>您无权修改此快捷短语：团队短语由店铺主管维护，个人短语由本人维护。</translation>
    </message>
    <message>
        <source>The service did not accept this quick phrase as written.</source>
        <translation>服务端未接受这条快捷短语的内容。</translation>
    </message>
    <message>
        <source>Shifts are set by the shop's supervisors.</source>
        <translation>班次由店铺主管设置。</translation>
    </message>
    <message>
        <source>The shift was not accepted (its code may already be used in the shop).</source>
        <translation>班次未被接受（店铺中可能已有相同代码的班次）。</translation>
    </message>
    <message>
        <source>You may not change this handover (it is someone else's, or for a shop you do not work in).</source>
        <translation>您无权修改此交接（属于他人，或属于您不负责的店铺）。</translation>
    </message>
    <message>
        <source>The handover or its item no longer exists.</source>
        <translation>该交接或交接事项已不存在。</translation>
    </message>
    <message>
        <source>The service did not accept this handover as written.</source>
        <translation>服务端未接受这份交接的内容。</translation>
    </message>
    <message>
        <source>You are not allowed to make this change.</source>
        <translation>您无权进行此修改。</translation>
    </message>
    <message>
        <source>What this change is about no longer exists.</source>
        <translation>此修改涉及的对象已不存在。</translation>
    </message>
    <message>
        <source>The service did not accept this change as written.</source>
        <translation>服务端未接受此修改的内容。</translation>
    </message>
    <message>
        <source>Rejected by the service.</source>
        <translation>被服务端拒绝。</translation>
    </message>
</context>
<context>
    <name>ReportWindow</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>日期范围(&amp;R)：</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>All shops</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Skill group</source>
        <translation>技能组</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部技能组</translation>
    </message>
    <message>
        <source>Pre-sale</source>
        <translation>售前</translation>
    </message>
    <message>
        <source>After-sale</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>全部客服</translation>
    </message>
    <message>
        <source>Group rows by</source>
        <translation>分组方式</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>By agent</source>
        <translation>按客服</translation>
    </message>
    <message>
        <source>By shop</source>
        <translation>按店铺</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Refresh the report</source>
        <translation>刷新报表</translation>
    </message>
    <message>
        <source>Ask the service again (F5)</source>
        <translation>重新向服务获取（F5）</translation>
    </message>
    <message>
        <source>Export &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the table to Excel</source>
        <translation>将表格导出为 Excel</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Export the table to CSV</source>
        <translation>将表格导出为 CSV</translation>
    </message>
    <message>
        <source>S&amp;hop:</source>
        <translation>店铺(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>技能组(&amp;G)：</translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation>客服(&amp;G)：</translation>
    </message>
    <message>
        <source>Rows &amp;by:</source>
        <translation>分组(&amp;B)：</translation>
    </message>
    <message>
        <source>Report status</source>
        <translation>报表状态</translation>
    </message>
    <message>
        <source>Report chart</source>
        <translation>报表图表</translation>
    </message>
    <message>
        <source>Nothing to show for this range yet.</source>
        <translation>该日期范围内暂无数据。</translation>
    </message>
    <message>
        <source>Report table</source>
        <translation>报表表格</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The last day is before the first one.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>A report covers at most {n} days.</source>
        <translation>一份报表最多覆盖 {n} 天。</translation>
    </message>
    <message>
        <source>Loading the report…</source>
        <translation>正在加载报表…</translation>
    </message>
    <message>
        <source>{first} – {last}, days in {zone}; computed by the service at {time}.</source>
        <translation>{first} – {last}，按 {zone} 时区计日；由服务于 {time} 计算。</translation>
    </message>
    <message>
        <source>Reports need the service, which cannot be reached now. What is shown stays here and can still be exported; try again when the connection is back.</source>
        <translation>报表需要连接服务，当前无法连接。已显示的内容会保留，仍可导出；连接恢复后请重试。</translation>
    </message>
    <message>
        <source>Only supervisors and admins can read reports for these shops.</source>
        <translation>只有这些店铺的主管和管理员可以查看报表。</translation>
    </message>
    <message>
        <source>The service refused this range: {error}</source>
        <translation>服务拒绝了该日期范围：{error}</translation>
    </message>
    <message>
        <source>The report could not be loaded: {error}</source>
        <translation>无法加载报表：{error}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>接待量</translation>
    </message>
    <message>
        <source>First response (s)</source>
        <translation>首响时间(秒)</translation>
    </message>
    <message>
        <source>Avg response (s)</source>
        <translation>平均响应时间(秒)</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Inquiry conversion (%)</source>
        <translation>询单转化率(%)</translation>
    </message>
    <message>
        <source>Complaint rate (%)</source>
        <translation>投诉率(%)</translation>
    </message>
    <message>
        <source>(not taken)</source>
        <translation>（无人接待）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首响时间</translation>
    </message>
    <message>
        <source>Avg response</source>
        <translation>平均响应时间</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>接待量</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>report_{first}_{last}</source>
        <translation>客服报表_{first}_{last}</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>已导出到 {path}。</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>RoutingDialog</name>
    <message>
        <source>Capacity and groups: {name}</source>
        <translation>接待上限和技能组：{name}</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>接待上限</translation>
    </message>
    <message>
        <source>Capacity (conversations at once)</source>
        <translation>接待上限（同时接待会话数）</translation>
    </message>
    <message>
        <source>Skill groups</source>
        <translation>技能组</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Queue and orders</source>
        <translation>队列与订单</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Server address (used at the next login)</source>
        <translation>服务器地址（下次登录时使用）</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language (applies after restart)</source>
        <translation>语言（重启后生效）</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>{n} px</source>
        <translation>{n} 像素</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>A conversation starts waiting in my groups</source>
        <translation>我的分组有新会话等待</translation>
    </message>
    <message>
        <source>A buyer replies in my conversation when it is not on screen</source>
        <translation>我接待的会话不在屏幕上时买家回复</translation>
    </message>
    <message>
        <source>A wait passes the red threshold</source>
        <translation>等待时长超过红色阈值</translation>
    </message>
    <message>
        <source>A handover is left for my shift</source>
        <translation>有交接留给我的班次</translation>
    </message>
    <message>
        <source>Supervisor alerts (supervisors only)</source>
        <translation>主管提醒（仅主管）</translation>
    </message>
    <message>
        <source>Play a sound with notifications</source>
        <translation>通知时播放提示音</translation>
    </message>
    <message>
        <source>Do not disturb (no notifications, no sound)</source>
        <translation>勿扰（不通知、不出声）</translation>
    </message>
    <message>
        <source>Enter sends; Ctrl+Enter or Shift+Enter: new line</source>
        <translation>回车发送；Ctrl+回车或 Shift+回车换行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends; Enter: new line</source>
        <translation>Ctrl+回车发送；回车换行</translation>
    </message>
    <message>
        <source>Sending replies</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>Amber after (s)</source>
        <translation>黄色（秒）</translation>
    </message>
    <message>
        <source>Red after (s)</source>
        <translation>红色（秒）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>{group}: amber after</source>
        <translation>{group}：黄色阈值</translation>
    </message>
    <message>
        <source>{group}: red after</source>
        <translation>{group}：红色阈值</translation>
    </message>
    <message>
        <source>Qianniu turns a waiting chat red at 100 seconds.</source>
        <translation>千牛在买家等待 100 秒时标红。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单提醒</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Nudge unpaid orders after</source>
        <translation>未付款多久后催付</translation>
    </message>
    <message>
        <source>Stop nudging after</source>
        <translation>超过多久不再催付</translation>
    </message>
    <message>
        <source>Parcel stuck without an update for</source>
        <translation>包裹无更新多久算停滞</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https:// and name a host, for example http://10.0.0.5:8470.</source>
        <translation>服务器地址须以 http:// 或 https:// 开头并包含主机名，例如 http://10.0.0.5:8470。</translation>
    </message>
    <message>
        <source>A shortcut is used twice: give one of them other keys.</source>
        <translation>有快捷键重复使用：请为其中一个换个按键。</translation>
    </message>
</context>
<context>
    <name>ShortcutEditor</name>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>New shortcut for the selected action</source>
        <translation>所选操作的新快捷键</translation>
    </message>
    <message>
        <source>No shortcut</source>
        <translation>不设快捷键</translation>
    </message>
    <message>
        <source>Reset all to defaults</source>
        <translation>全部恢复默认</translation>
    </message>
    <message>
        <source>Press the new keys:</source>
        <translation>按下新的按键：</translation>
    </message>
    <message>
        <source>Used twice: {list}</source>
        <translation>重复使用：{list}</translation>
    </message>
</context>
<context>
    <name>StatusControl</name>
    <message>
        <source>My status</source>
        <translation>我的状态</translation>
    </message>
    <message>
        <source>My &amp;status</source>
        <translation>我的状态(&amp;S)</translation>
    </message>
    <message>
        <source>Change my &amp;status…</source>
        <translation>更改我的状态(&amp;S)…</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Busy (no new conversations)</source>
        <translation>忙碌（不接新会话）</translation>
    </message>
    <message>
        <source>Appear offline</source>
        <translation>显示为离线</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>{status} (no input)</source>
        <translation>{status}（无操作）</translation>
    </message>
    <message>
        <source>{status} · not sent</source>
        <translation>{status} · 未发送</translation>
    </message>
    <message>
        <source>My status: {status}. Click or press Ctrl+Shift+O to change it.</source>
        <translation>我的状态：{status}。点击或按 Ctrl+Shift+O 更改。</translation>
    </message>
    <message>
        <source>Set to away after a while without input; back on the next input.</source>
        <translation>一段时间无键盘鼠标操作后自动设为离开，再次操作即恢复。</translation>
    </message>
    <message>
        <source>Not sent yet: the service cannot be reached. It is sent again when the connection comes back.</source>
        <translation>尚未发送：无法连接服务。连接恢复后会自动重新发送。</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Suggested phrases</source>
        <translation>推荐短语</translation>
    </message>
    <message>
        <source>No phrase fits the buyer's latest message</source>
        <translation>没有适合买家最新消息的短语</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>New messages below</source>
        <translation>以下为新消息</translation>
    </message>
    <message>
        <source>({n} characters in all: double-click to read everything)</source>
        <translation>（共 {n} 字，双击查看全文）</translation>
    </message>
    <message>
        <source>Conversation thread</source>
        <translation>会话消息</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer conversation</source>
        <translation>转接会话</translation>
    </message>
    <message>
        <source>To a &amp;colleague</source>
        <translation>转给同事(&amp;C)</translation>
    </message>
    <message>
        <source>Back to a &amp;group's queue</source>
        <translation>退回技能组队列(&amp;G)</translation>
    </message>
    <message>
        <source>No colleague of this shop in the local cache.</source>
        <translation>本地缓存中没有此店铺的同事。</translation>
    </message>
    <message>
        <source>&amp;Note for the receiver (why):</source>
        <translation>给接收人的备注（原因）(&amp;N)：</translation>
    </message>
    <message>
        <source>Choose a colleague or a group.</source>
        <translation>请选择同事或技能组。</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Show Workstation</source>
        <translation>显示工作台</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>勿扰</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>{count} conversation(s) waiting for your answer</source>
        <translation>{count} 个会话等待您回复</translation>
    </message>
    <message>
        <source>New conversation: {buyer} ({shop})</source>
        <translation>新会话：{buyer}（{shop}）</translation>
    </message>
    <message>
        <source>{buyer} replied ({shop})</source>
        <translation>{buyer} 回复了（{shop}）</translation>
    </message>
    <message>
        <source>Handover for your shift</source>
        <translation>您的班次有交接</translation>
    </message>
    <message>
        <source>Supervisor alert</source>
        <translation>主管提醒</translation>
    </message>
    <message>
        <source>{buyer} has waited {seconds} s ({shop})</source>
        <translation>{buyer} 已等待 {seconds} 秒（{shop}）</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>最新消息</translation>
    </message>
    <message>
        <source>Buyer {id}</source>
        <translation>买家 {id}</translation>
    </message>
    <message>
        <source>{wait} ⚠ over SLA</source>
        <translation>{wait} ⚠ 超时</translation>
    </message>
</context>
<context>
    <name>WorkListModel</name>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Unpaid for</source>
        <translation>未付款时长</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No update for</source>
        <translation>无更新时长</translation>
    </message>
</context>
<context>
    <name>WorkLists</name>
    <message>
        <source>Unpaid orders to nudge ({n})</source>
        <translation>待催付订单（{n}）</translation>
    </message>
    <message>
        <source>Stuck parcels ({n})</source>
        <translation>物流异常/停滞包裹（{n}）</translation>
    </message>
    <message>
        <source>Unpaid between {min} and {max}; parcels without an update for {stuck} or longer. Enter opens the buyer and the order.</source>
        <translation>未付款 {min} 至 {max} 的订单；{stuck}及以上无更新的包裹。回车打开买家和订单。</translation>
    </message>
    <message>
        <source>Could not read the lists from the local cache: {error}</source>
        <translation>无法从本地缓存读取清单：{error}</translation>
    </message>
</context>
<context>
    <name>_NoteDialog</name>
    <message>
        <source>The note has {n} characters; at most {max} are allowed.</source>
        <translation>备注共 {n} 字，最多允许 {max} 字。</translation>
    </message>
    <message>
        <source>{n} / {max} characters</source>
        <translation>{n} / {max} 字</translation>
    </message>
</context>
</TS>