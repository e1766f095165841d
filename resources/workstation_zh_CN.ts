<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
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
    <name>BusyDialog</name>
    <message>
        <source>Workstation</source>
        <translation>客服工作台</translation>
    </message>
</context>
<context>
    <name>BuyerCard</name>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
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
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>VIP level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>No buyer selected</source>
        <translation>未选择买家</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <source>No conversation open</source>
        <translation>未打开会话</translation>
    </message>
    <message>
        <source>Select a conversation in the queue and press Enter.</source>
        <translation>在接待列表中选择会话并按回车键打开。</translation>
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
        <source>No messages in the local cache yet.</source>
        <translation>本地缓存中暂无消息。</translation>
    </message>
    <message>
        <source>Could not read the conversation from the local cache</source>
        <translation>无法从本地缓存读取会话</translation>
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
    <name>Labels</name>
    <message>
        <source>Pre-sale</source>
        <translation>售前</translation>
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
        <source>Online</source>
        <translation>在线</translation>
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
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Wait thresholds…</source>
        <translation>等待时长阈值(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Language (applies after restart)</source>
        <translation>语言（重启后生效）(&amp;L)</translation>
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
        <source>Offline: claiming needs a connection to the server</source>
        <translation>离线：接入会话需要连接服务器</translation>
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
        <source>Open the selected conversation</source>
        <translation>打开选中的会话</translation>
    </message>
    <message>
        <source>Claim the selected conversation</source>
        <translation>接入选中的会话</translation>
    </message>
    <message>
        <source>Claim the longest-waiting conversation</source>
        <translation>接入等待最久的会话</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>搜索接待列表</translation>
    </message>
    <message>
        <source>Go to the queue</source>
        <translation>转到接待列表</translation>
    </message>
    <message>
        <source>Show or hide a panel</source>
        <translation>显示或隐藏面板</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
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
        <source>Search buyer, shop, message, agent</source>
        <translation>搜索买家、店铺、消息、客服</translation>
    </message>
    <message>
        <source>Filter the queue (Ctrl+F)</source>
        <translation>筛选接待列表（Ctrl+F）</translation>
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
        <translation>全部分组</translation>
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
    <name>ThresholdsDialog</name>
    <message>
        <source>Wait thresholds</source>
        <translation>等待时长阈值</translation>
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
        <source>Qianniu turns a waiting chat red at 100 seconds.</source>
        <translation>千牛在买家等待 100 秒时标红。</translation>
    </message>
</context>
</TS>