#!/usr/bin/env python3
"""Refresh the translation catalogues: extract the source strings (pyside6-lupdate), fill in the
Simplified Chinese translations kept below, and build the ``.qm`` files (pyside6-lrelease).

Run it after changing a user-visible string:  .venv/bin/python resources/update_translations.py
It fails when a source string has no Chinese translation, so that none ships untranslated.
The built ``.qm`` files are committed: the app needs no build step at run time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCES = sorted(
    [ROOT / "workstation" / "app.py", *(ROOT / "workstation" / "views").glob("*.py")],
)

#: English source -> Simplified Chinese. A (context, source) key overrides for one context.
ZH_CN: dict[str | tuple[str, str], str] = {
    # app
    "An unexpected error occurred. Your work is saved.": "发生了意外错误。您的工作已保存。",
    "Starting the demo service…": "正在启动演示服务…",
    "Logging in as {staff_id}…": "正在以 {staff_id} 登录…",
    "The demo service could not be started.": "演示服务无法启动。",
    "Connecting to {server}…": "正在连接 {server}…",
    "Enter your password to log in.": "请输入密码登录。",
    "Your login expired. Enter your password to continue.": "登录已过期，请输入密码继续。",
    "Workstation": "客服工作台",
    "Logging out…": "正在退出登录…",
    "Closing the session…": "正在关闭会话…",
    # buyer card
    "Nickname": "昵称",
    "Name": "姓名",
    "Phone": "手机",
    "Region": "地区",
    "VIP level": "会员等级",
    "Shop": "店铺",
    "No buyer selected": "未选择买家",
    "Buyer": "买家",
    # conversation panel
    "No conversation open": "未打开会话",
    "Select a conversation in the queue and press Enter.": "在接待列表中选择会话并按回车键打开。",
    "Conversation {id} is not in the local cache": "本地缓存中没有会话 {id}",
    "{buyer} · {shop}": "{buyer} · {shop}",
    "Agent: {name}({staff_id})": "接待客服：{name}({staff_id})",
    "No messages in the local cache yet.": "本地缓存中暂无消息。",
    "Could not read the conversation from the local cache": "无法从本地缓存读取会话",
    # errors
    "Something went wrong": "出错了",
    "Your work is saved. Show the details to copy them for your support team.":
        "您的工作已保存。可展开详细信息并复制给技术支持。",
    # labels
    "Pre-sale": "售前",
    "After-sale": "售后",
    "Complaint": "投诉",
    "Waiting": "等待中",
    ("QueueModel", "Waiting"): "等待",
    "In progress": "接待中",
    "Closed": "已结束",
    "Taobao": "淘宝",
    "Tmall": "天猫",
    "JD": "京东",
    "Pinduoduo": "拼多多",
    "Douyin": "抖音",
    "Web shop": "官网商城",
    "Agent": "客服",
    "System": "系统",
    "Online": "在线",
    "Syncing": "同步中",
    "Offline since {time}": "离线 自 {time}",
    "Offline": "离线",
    "Login needed": "需要登录",
    "App too old": "版本过旧",
    # login dialog
    "Log in to Workstation": "登录客服工作台",
    "http://server:8000": "http://服务器:8000",
    "e.g. kf001": "例如 kf001",
    "Server address": "服务器地址",
    "Staff id": "工号",
    "Password": "密码",
    "Log in": "登录",
    "Quit": "退出",
    "Enter the server address.": "请输入服务器地址。",
    "Enter your staff id.": "请输入工号。",
    "Enter your password.": "请输入密码。",
    "Logging in to {server}…": "正在登录 {server}…",
    "“{server}” is not a valid server address. Use a form like http://server:8000.":
        "“{server}”不是有效的服务器地址，请使用 http://服务器:8000 这样的格式。",
    "Workstation is already open for this staff id on this computer. Close the other window first.":
        "本机已有窗口以此工号打开了工作台，请先关闭另一个窗口。",
    "Wrong staff id or password.": "工号或密码错误。",
    "This account may not use Workstation.": "此账号无权使用客服工作台。",
    "This version of Workstation is too old for the server. Please update it.":
        "此版本的客服工作台对服务器而言过旧，请升级。",
    "Cannot reach the server at {server}. Check the address and the network, or ask whether the server "
    "is running.": "无法连接服务器 {server}。请检查地址和网络，或确认服务器是否已启动。",
    "The server is busy or under maintenance. Try again in a moment.": "服务器繁忙或正在维护，请稍后再试。",
    "The server at {server} did not answer like a Workstation server. Check the address.":
        "{server} 的响应不像客服工作台服务器，请检查地址。",
    "The server refused the login: {reason}": "服务器拒绝登录：{reason}",
    "Login failed: {error}": "登录失败：{error}",
    # main window
    "Workstation — {name}({staff_id})": "客服工作台 — {name}({staff_id})",
    "Queue": "接待列表",
    "Conversation": "会话",
    "Customer and orders": "客户与订单",
    "&File": "文件(&F)",
    "Log in &again…": "重新登录(&A)…",
    "Log &out": "退出登录(&O)",
    "&Quit": "退出(&Q)",
    "&Conversation": "会话(&C)",
    "Go to &queue": "转到接待列表(&Q)",
    "&View": "视图(&V)",
    "&Reset layout": "重置布局(&R)",
    "&Language (applies after restart)": "语言（重启后生效）(&L)",
    "&Help": "帮助(&H)",
    "&Keyboard shortcuts": "快捷键(&K)",
    "&About Workstation": "关于客服工作台(&A)",
    "No secure password store (keychain) is available on this computer, so your login is kept only until "
    "Workstation closes; you will need to log in again after a restart.":
        "本机没有可用的安全密码存储（钥匙串），登录状态只保留到工作台关闭；重启后需要重新登录。",
    "The local cache was damaged and has been rebuilt from the server. Your unsent changes ({outbox}) "
    "and drafts ({drafts}) were kept. The damaged file was set aside as {path}.":
        "本地缓存已损坏，已从服务器重建。未同步的更改（{outbox} 条）和草稿（{drafts} 份）均已保留。"
        "损坏的文件已另存为 {path}。",
    "Last synced at {time}": "上次同步于 {time}",
    "{n} changes waiting to sync": "{n} 条待同步",
    "{n} changes rejected": "{n} 条被拒绝",
    "Offline: claiming needs a connection to the server": "离线：接入会话需要连接服务器",
    "Your login expired: log in again to claim (File → Log in again)":
        "登录已过期：请重新登录后再接入（文件 → 重新登录）",
    "This version is too old for the server: please update Workstation": "版本过旧：请升级客服工作台",
    "The language will change when Workstation restarts.": "语言将在工作台重启后切换。",
    "Open the selected conversation": "打开选中的会话",
    "Claim the selected conversation": "接入选中的会话",
    "Search the queue": "搜索接待列表",
    "Go to the queue": "转到接待列表",
    "Show or hide a panel": "显示或隐藏面板",
    "Keyboard shortcuts": "快捷键",
    "About Workstation": "关于客服工作台",
    "Workstation: the customer-service agent's desk.": "客服工作台：电商客服的接待桌面。",
    "Logged in to {server}": "已登录 {server}",
    # queue
    "Me": "我",
    "Group": "分组",
    "Last message": "最新消息",
    "Time": "时间",
    "Status": "状态",
    "Search buyer, shop, message, agent": "搜索买家、店铺、消息、客服",
    "Filter the queue (Ctrl+F)": "筛选接待列表（Ctrl+F）",
    "All shops": "全部店铺",
    "Skill group": "技能组",
    "All groups": "全部分组",
    "Open": "未结束",
    "Mine": "我的",
    "All": "全部",
    "&Claim conversation": "接入会话(&C)",
    "&Open conversation": "打开会话(&O)",
    "&Find in queue": "在列表中查找(&F)",
    "Could not read the queue from the local cache: {error}": "无法从本地缓存读取接待列表：{error}",
    "{shown} shown, {waiting} waiting": "显示 {shown} 条，等待中 {waiting} 条",
    "Claiming needs a connection to the server": "接入会话需要连接服务器",
    "Claiming is not available": "无法接入",
    "Select a waiting conversation to claim it": "请选择一个等待中的会话再接入",
    "Claiming…": "正在接入…",
    "This conversation is already yours": "该会话已由您接待",
    "This conversation is closed": "该会话已结束",
    "This conversation is already taken": "该会话已被接入",
    "Claim the selected waiting conversation ({shortcut})": "接入选中的等待会话（{shortcut}）",
    "Claiming {buyer}…": "正在接入 {buyer}…",
    "You are now serving {buyer}": "已接入 {buyer}",
    "This conversation was already taken": "该会话已被他人接入",
    "Already taken by {name}({staff_id})": "已被 {name}({staff_id}) 接入",
    "Could not claim: the server cannot be reached. Try again when online.":
        "无法接入：连不上服务器，请恢复联网后再试。",
    "Could not claim: please log in again.": "无法接入：请重新登录。",
    "Could not claim: {reason}": "无法接入：{reason}",
    "Claim &next waiting": "接入下一位(&N)",
    "No waiting conversation to claim": "没有等待中的会话可接入",
    "Claim the longest-waiting conversation shown": "接入列表中等待最久的会话",
    "Claim the longest-waiting conversation": "接入等待最久的会话",
    # thresholds
    "&Wait thresholds…": "等待时长阈值(&W)…",
    "Wait thresholds": "等待时长阈值",
    "Amber after (s)": "黄色（秒）",
    "Red after (s)": "红色（秒）",
    " s": " 秒",
    "Qianniu turns a waiting chat red at 100 seconds.": "千牛在买家等待 100 秒时标红。",
    # tray and notifications
    "Show Workstation": "显示工作台",
    "Do not disturb": "勿扰",
    "Away": "离开",
    "{count} conversation(s) waiting for your answer": "{count} 个会话等待您回复",
    "New conversation: {buyer} ({shop})": "新会话：{buyer}（{shop}）",
    "{buyer} replied ({shop})": "{buyer} 回复了（{shop}）",
    "{buyer} has waited {seconds} s ({shop})": "{buyer} 已等待 {seconds} 秒（{shop}）",
    # keyboard shortcuts (editor and F1 sheet)
    "Action": "操作",
    "Shortcut": "快捷键",
    "Keys": "按键",
    "New shortcut for the selected action": "所选操作的新快捷键",
    "No shortcut": "不设快捷键",
    "Reset all to defaults": "全部恢复默认",
    "Press the new keys:": "按下新的按键：",
    "Used twice: {list}": "重复使用：{list}",
    "Change them in Settings → Keyboard.": "可在 设置 → 键盘 中修改。",
    # customer and order panel, work lists (issue 3)
    "Order no., tracking no., phone or nickname (Ctrl+K)": "订单号、快递单号、手机号或昵称 (Ctrl+K)",
    "Searches the local cache, also offline: order number (or its first 6 digits), tracking number, full "
    "phone number or its last 4 digits, nickname or name.\n↑/↓ choose, Enter opens, Esc returns to the "
    "conversation's buyer.":
        "搜索本地缓存，离线也可用：订单号（或前 6 位）、快递单号、完整手机号或后 4 位、昵称或姓名。\n"
        "↑/↓ 选择，回车打开，Esc 返回当前会话的买家。",
    "Show": "显示",
    "Address": "地址",
    "Tags": "标签",
    "Lifetime": "累计",
    "Order": "订单",
    "Amount": "金额",
    "Ordered": "下单时间",
    "Parcel": "包裹",
    "Last update": "最后更新",
    "Case": "售后单",
    "Updated": "更新时间",
    "Customer": "客户",
    ("CustomerPanel", "Orders"): "订单",
    ("ThresholdsDialog", "Orders"): "订单提醒",
    "Shipping": "物流",
    "Search orders and buyers": "搜索订单和买家",
    "Copy order number": "复制订单号",
    "Copy tracking number": "复制快递单号",
    "Copy address": "复制地址",
    "Could not read the customer from the local cache: {error}": "无法从本地缓存读取客户：{error}",
    "Open a conversation, or search for an order, phone number or nickname.":
        "打开一个会话，或搜索订单号、手机号或昵称。",
    "No orders in the local cache": "本地缓存中没有订单",
    "Buyer {id} (not in the local cache yet)": "买家 {id}（本地缓存中暂无）",
    "Buyer {id}": "买家 {id}",
    "VIP {level}": "VIP {level}",
    "None": "无",
    "{count} orders · {spent}": "{count} 笔订单 · {spent}",
    "Shop: {shop}": "店铺：{shop}",
    "First contact: {time}": "首次咨询：{time}",
    "Last contact: {time}": "最近咨询：{time}",
    "Order notes: {n}": "订单备注：{n} 条",
    "Addresses used:": "用过的地址：",
    "Nudge to pay": "催付",
    "Balance due": "尾款待付",
    "Parcel stuck": "物流停滞",
    "After-sale open": "售后中",
    "Expand for items, payment, shipping and after-sale": "展开查看商品、付款、物流和售后",
    "Items ({n})": "商品（{n} 件）",
    "Discount: {label}": "优惠：{label}",
    "Shipping fee": "运费",
    "Paid": "已付款",
    "Payment": "付款",
    "paid {time}": "已付 {time}",
    "not paid": "未付",
    "Presale deposit": "预售定金",
    "Balance paid {time}": "尾款已付 {time}",
    "Balance window not open yet": "尾款尚未开始",
    "Balance window opens soon": "尾款即将开始",
    "Balance due now": "尾款支付中",
    "Balance window passed unpaid": "尾款已逾期未付",
    "Balance {start} – {end}": "尾款 {start} – {end}",
    "Promised shipping by": "承诺发货时间",
    "Ship to": "收货信息",
    "Buyer's message": "买家留言",
    "Stuck: no update for {duration}": "停滞：{duration}无更新",
    "Order {no}": "订单 {no}",
    "No parcels": "暂无包裹",
    "No after-sale cases": "暂无售后",
    "Copied {what}: {text}": "已复制{what}：{text}",
    "No order to copy": "没有可复制的订单",
    "order number": "订单号",
    "No tracking number to copy": "没有可复制的快递单号",
    "tracking number": "快递单号",
    "No address to copy": "没有可复制的地址",
    "address": "地址",
    "Needs the “reveal contact” permission, granted by a supervisor": "需要主管授予“查看联系方式”权限",
    "Ask the server for the full value (recorded with your reason)":
        "向服务器请求完整信息（连同原因一起记录）",
    "Show full contact": "显示完整联系方式",
    "Why do you need the full value? (recorded on the server)": "为什么需要查看完整信息？（服务器会记录）",
    "A reason is needed to show the full value.": "需要填写原因才能显示完整信息。",
    "Asking the server…": "正在请求服务器…",
    "Shown for this buyer only; the reveal was recorded.": "仅对当前买家显示；本次查看已记录。",
    "Offline: showing the full value needs the server. Try again when connected.":
        "离线：显示完整信息需要连接服务器，请联网后再试。",
    "The server refused: you do not have the “reveal contact” permission.":
        "服务器拒绝：您没有“查看联系方式”权限。",
    "The server does not know this buyer.": "服务器上没有这个买家。",
    "Could not show the full value: {error}": "无法显示完整信息：{error}",
    "nickname or name": "昵称或姓名",
    "phone": "手机号",
    "last 4 digits of the phone": "手机后 4 位",
    "matches {what}": "匹配{what}",
    "possible match": "可能匹配",
    "Only the first 3 and last 4 digits of phones are known here, and several buyers share them: check the "
    "name.": "本地只知道手机号的前 3 位和后 4 位，有多个买家相同：请核对姓名。",
    "Tracking number {no}": "快递单号 {no}",
    "Nothing found in the local cache": "本地缓存中没有找到",
    "More buyers match: type more to narrow the search": "匹配的买家更多：请继续输入以缩小范围",
    "Search failed: {error}": "搜索失败：{error}",
    "{h} h {m} min": "{h} 小时 {m} 分",
    "{m} min": "{m} 分钟",
    "Unpaid": "未付款",
    "Paid, awaiting shipment": "已付款待发货",
    "Shipped": "已发货",
    "Delivered": "已签收",
    "Completed": "已完成",
    "Refunding": "退款中",
    "Picked up": "已揽收",
    "In transit": "运输中",
    "Out for delivery": "派送中",
    "Exception": "异常",
    "Refund only": "仅退款",
    "Return and refund": "退货退款",
    "Exchange": "换货",
    "Reissue": "补发",
    "Requested": "已申请",
    "Approved": "已同意",
    "Awaiting return": "待买家退货",
    "Returned": "已退回",
    "Refunded": "已退款",
    "Reshipped": "已补发",
    "Rejected": "已拒绝",
    ("CustomerPanel", "Closed"): "已关闭",
    ("CustomerPanel", "Open"): "处理中",
    "Unpaid for {duration}": "未付款 已 {duration}",
    "Work lists": "工作清单",
    "&Orders": "订单(&O)",
    "&Unpaid orders to nudge": "待催付订单(&U)",
    "&Stuck parcels": "物流异常/停滞包裹(&S)",
    "Copy order number / tracking number / address": "复制订单号 / 快递单号 / 地址",
    "Unpaid orders to nudge / stuck parcels": "待催付订单 / 停滞包裹",
    " min": " 分钟",
    " h": " 小时",
    "Nudge unpaid orders after": "未付款多久后催付",
    "Stop nudging after": "超过多久不再催付",
    "Parcel stuck without an update for": "包裹无更新多久算停滞",
    "Unpaid for": "未付款时长",
    "No update for": "无更新时长",
    "Unpaid orders to nudge ({n})": "待催付订单（{n}）",
    "Stuck parcels ({n})": "物流异常/停滞包裹（{n}）",
    "Unpaid between {min} and {max}; parcels without an update for {stuck} or longer. Enter opens the "
    "buyer and the order.": "未付款 {min} 至 {max} 的订单；{stuck}及以上无更新的包裹。回车打开买家和订单。",
    "Could not read the lists from the local cache: {error}": "无法从本地缓存读取清单：{error}",
    # conversation view: thread, composer, drafts, transfer/close/escalate (issue 4)
    "New messages below": "以下为新消息",
    "({n} characters in all: double-click to read everything)": "（共 {n} 字，双击查看全文）",
    "Conversation thread": "会话消息",
    "Type a reply…  (/ for quick phrases)": "输入回复…（输入 / 使用快捷短语）",
    "Reply": "回复",
    "Send": "发送",
    "Open a conversation to reply": "打开会话后才能回复",
    "Sending…": "正在发送…",
    "Type a reply first": "请先输入回复内容",
    "Offline, saved as a draft": "离线，已保存为草稿",
    "Offline: replies are kept as drafts": "离线：回复将保存为草稿",
    "Claim this conversation first to reply": "请先接入此会话再回复",
    "Claim this conversation first to reply (Ctrl+J)": "请先接入此会话再回复（Ctrl+J）",
    "Send the reply ({key})": "发送回复（{key}）",
    "Sent": "已发送",
    "The reply has {n} characters; at most {max} can be sent at once. Shorten it or send it in parts.":
        "回复共 {n} 字，一次最多发送 {max} 字。请删减或分几次发送。",
    "Enter": "回车",
    "Ctrl+Enter": "Ctrl+回车",
    "The draft could not be saved: {reason}": "草稿无法保存：{reason}",
    "Not sent: this conversation is closed or no longer yours": "未发送：此会话已结束或已不由您接待",
    "Not sent: please log in again (File → Log in again); the reply is kept":
        "未发送：请重新登录（文件 → 重新登录），回复已保留",
    "Fill in {names} before sending": "请先填写{names}再发送",
    "Not sent: already taken by {name}({staff_id})": "未发送：已被 {name}({staff_id}) 接手",
    "Not sent: {reason}": "未发送：{reason}",
    "Pre-sale question": "售前咨询",
    "Order change": "订单修改",
    ("Labels", "Other"): "其他",
    "Transfer conversation": "转接会话",
    "To a &colleague": "转给同事(&C)",
    "Back to a &group's queue": "退回技能组队列(&G)",
    "No colleague of this shop in the local cache.": "本地缓存中没有此店铺的同事。",
    "&Note for the receiver (why):": "给接收人的备注（原因）(&N)：",
    "Choose a colleague or a group.": "请选择同事或技能组。",
    "Close conversation": "结束会话",
    "What was this conversation about?": "此会话是关于什么的？",
    "&Note (optional):": "备注（可选）(&N)：",
    "Choose a category.": "请选择分类。",
    "Escalate to a supervisor": "升级给主管",
    "&Why does this need a supervisor?": "为什么需要主管处理(&W)？",
    "The note has {n} characters; at most {max} are allowed.": "备注共 {n} 字，最多允许 {max} 字。",
    "{n} / {max} characters": "{n} / {max} 字",
    "Offline: this needs a connection to the server": "离线：此操作需要连接服务器",
    "&Transfer…": "转接(&T)…",
    "C&lose conversation…": "结束会话(&L)…",
    "&Escalate to supervisor…": "升级给主管(&E)…",
    "&Reply": "回复(&R)",
    "Your login expired: log in again (File → Log in again)": "登录已过期：请重新登录（文件 → 重新登录）",
    "Open a conversation first": "请先打开会话",
    "Waiting for the server's answer…": "正在等待服务器答复…",
    "Loading…": "正在加载…",
    "Claim this conversation first (Ctrl+J)": "请先接入此会话（Ctrl+J）",
    "Escalated to a supervisor": "已升级给主管",
    "Could not transfer": "转接失败",
    "Could not close": "结束失败",
    "Could not escalate": "升级失败",
    "The conversation changed meanwhile (closed or moved)": "会话已发生变化（已结束或已转走）",
    "the server cannot be reached; try again when online": "无法连接服务器，请联网后重试",
    "Served by {name}: only they or a supervisor can do this": "由 {name} 接待：只有其本人或主管可以操作",
    "please log in again": "请重新登录",
    "Transferred to {target}": "已转接给 {target}",
    "Conversation closed ({category})": "会话已结束（{category}）",
    "Served by {name}: only the agent serving it can reply": "由 {name} 接待：只有接待客服可以回复",
    "Write a reply (Enter sends, Ctrl+Enter new line; see Settings)":
        "写回复（回车发送，Ctrl+回车换行；可在设置中更改）",
    "Transfer / escalate / close the conversation": "转接 / 升级 / 结束会话",
    "Enter sends; Ctrl+Enter or Shift+Enter: new line": "回车发送；Ctrl+回车或 Shift+回车换行",
    "Ctrl+Enter sends; Enter: new line": "Ctrl+回车发送；回车换行",
    "Sending replies": "发送回复",
    # quick phrases: composer popup and suggestions (phrase_assist), phrase manager (phrase_manager)
    "↑↓ choose · Enter/Tab insert · Esc close": "↑↓ 选择 · 回车/Tab 插入 · Esc 关闭",
    "Suggested phrases": "推荐短语",
    "No phrase fits the buyer's latest message": "没有适合买家最新消息的短语",
    "No value for this variable in this conversation: replace it before sending":
        "本会话中此变量没有值：发送前请替换",
    "Loading phrases…": "正在加载短语…",
    "No phrase matches": "没有匹配的短语",
    "No value here for: {names}": "当前会话没有这些值：{names}",
    ("MainWindow", "Quick &phrases…"): "快捷短语(&P)…",
    ("PhraseManager", "(No group)"): "（未分组）",
    ("PhraseManager", "(not synced yet)"): "（未同步）",
    ("PhraseManager", "Already there, unchanged"): "已存在，内容相同",
    ("PhraseManager", "Code already used on line {detail} of the file"): "编码与文件第 {detail} 行重复",
    ("PhraseManager", "Code too long"): "编码过长",
    ("PhraseManager", "Code"): "快捷编码",
    ("PhraseManager", "Could not complete: {error}"): "操作未完成：{error}",
    ("PhraseManager", "Could not export to {file}: {error}"): "无法导出到 {file}：{error}",
    ("PhraseManager", "Delete phrase"): "删除短语",
    ("PhraseManager", "Delete this phrase?\n\n{text}"): "删除这条短语吗？\n\n{text}",
    ("PhraseManager", "Delete"): "删除",
    ("PhraseManager", "Deleted."): "已删除。",
    ("PhraseManager", "Excel (*.xlsx);;CSV (*.csv)"): "Excel 表格 (*.xlsx);;CSV 文件 (*.csv)",
    ("PhraseManager", "Export phrases"): "导出短语",
    ("PhraseManager", "Exported {n} phrases to {file}."): "已导出 {n} 条短语到 {file}。",
    ("PhraseManager", "Export…"): "导出…",
    ("PhraseManager", "Group name too long"): "分组名过长",
    ("PhraseManager", "Group renamed: {old} → {new}"): "分组已重命名：{old} → {new}",
    ("PhraseManager", "Group"): "分组",
    ("PhraseManager", "Groups"): "分组",
    ("PhraseManager", "Import phrases"): "导入短语",
    ("PhraseManager", "Imported: {added} added, {changed} changed, {skipped} skipped."):
        "导入完成：新增 {added} 条，修改 {changed} 条，跳过 {skipped} 条。",
    ("PhraseManager", "Import…"): "导入…",
    ("PhraseManager", "Line"): "行",
    ("PhraseManager", "Move down"): "下移",
    ("PhraseManager", "Move up"): "上移",
    ("PhraseManager", "My phrases"): "我的短语",
    ("PhraseManager", "Name of the new group:"): "新分组名称：",
    ("PhraseManager", "New group"): "新建分组",
    ("PhraseManager", "New group…"): "新建分组…",
    ("PhraseManager", "New name:"): "新名称：",
    ("PhraseManager", "New phrase"): "新建短语",
    ("PhraseManager", "No text"): "内容为空",
    ("PhraseManager", "No value here for: {names}. {what}"): "当前会话没有这些值：{names}。{what}",
    ("PhraseManager", "Only Excel (.xlsx) and CSV files can be imported."): "只能导入 Excel（.xlsx）和 CSV 文件。",
    ("PhraseManager", "Open a conversation to see them filled in."): "打开会话后可看到填入的值。",
    ("PhraseManager", "Phrase lists (*.xlsx *.csv);;All files (*)"): "短语表 (*.xlsx *.csv);;所有文件 (*)",
    ("PhraseManager", "Phrases (Alt+↑/↓ to reorder)"): "短语（Alt+↑/↓ 调整顺序）",
    ("PhraseManager", "Phrases of"): "短语库",
    ("PhraseManager", "Preview"): "预览",
    ("PhraseManager", "Quick phrases"): "快捷短语",
    ("PhraseManager", "Reading {file}…"): "正在读取 {file}…",
    ("PhraseManager", "Rename group"): "重命名分组",
    ("PhraseManager", "Rename…"): "重命名…",
    ("PhraseManager", "Result"): "结果",
    ("PhraseManager", "Save"): "保存",
    ("PhraseManager", "Saved."): "已保存。",
    ("PhraseManager", "Team phrases are kept by supervisors: read only."): "团队短语由主管维护：只读。",
    ("PhraseManager", "Team: {shop}"): "团队：{shop}",
    ("PhraseManager", "Text too long ({detail} characters)"): "内容过长（{detail} 字）",
    ("PhraseManager", "Text"): "内容",
    ("PhraseManager", "Text; variables such as {买家昵称} or {订单号} are filled in"):
        "内容；{买家昵称}、{订单号} 等变量会自动填入",
    ("PhraseManager", "The code /{code} is already used by: {text}"): "编码 /{code} 已被使用：{text}",
    ("PhraseManager", "The code cannot contain spaces."): "编码不能包含空格。",
    ("PhraseManager", "The code is too long (at most {max} characters)."): "编码过长（最多 {max} 个字符）。",
    ("PhraseManager", "The file could not be read: {detail}"): "无法读取文件：{detail}",
    ("PhraseManager", "The file has more than {detail} rows."): "文件超过 {detail} 行。",
    ("PhraseManager", "The file holds no phrases."): "文件中没有短语。",
    ("PhraseManager", "The file is too large to be a phrase list."): "文件过大，不像是短语表。",
    ("PhraseManager", "The group name is too long (at most {max} characters)."):
        "分组名过长（最多 {max} 个字符）。",
    ("PhraseManager", "The text is empty."): "内容为空。",
    ("PhraseManager", "The text is too long: {n} characters (at most {max})."): "内容过长：{n} 字（最多 {max} 字）。",
    ("PhraseManager", "This is not a readable Excel (.xlsx) file. Save it again from Excel and retry."):
        "这不是可读取的 Excel（.xlsx）文件。请在 Excel 中重新保存后再试。",
    ("PhraseManager", "The text encoding of this CSV file is not recognised (expected UTF-8 or GBK)."):
        "无法识别此 CSV 文件的编码（应为 UTF-8 或 GBK）。",
    ("PhraseManager", "No column for the phrase text. The first row must name the columns: 分组, 快捷编码, 内容 "
                      "(or group, code, text). Found: {detail}"):
        "没有短语内容列。第一行须为列名：分组、快捷编码、内容（或 group、code、text）。找到的是：{detail}",
    ("PhraseManager", "Unknown variables: {detail}"): "未知变量：{detail}",
    ("PhraseManager", "Unknown variables: {names}. Known: {known}"): "未知变量：{names}。可用变量：{known}",
    ("PhraseManager", "Variables: {names}"): "变量：{names}",
    ("PhraseManager", "Why"): "原因",
    ("PhraseManager", "e.g. dz (typed as /dz)"): "例如 dz（输入 /dz 调用）",
    ("ImportPreviewDialog", "Import phrases: preview"): "导入短语：预览",
    ("ImportPreviewDialog", "Add"): "新增",
    ("ImportPreviewDialog", "Change"): "修改",
    ("ImportPreviewDialog", "Skip"): "跳过",
    ("ImportPreviewDialog", "Was: {text}"): "原为：{text}",
    ("ImportPreviewDialog", "Import {n} phrases"): "导入 {n} 条短语",
    ("ImportPreviewDialog", "{file}{encoding}: {added} to add, {changed} to change, {skipped} skipped"):
        "{file}{encoding}：新增 {added} 条，修改 {changed} 条，跳过 {skipped} 条",
}


def tool(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found (install PySide6 into the venv)")
    return found


def fill(ts_path: Path, language: str) -> list[str]:
    """Write translations into ``ts_path``; returns the sources that lack one."""
    tree = ET.parse(ts_path)
    missing: list[str] = []
    for context in tree.getroot().iter("context"):
        context_name = context.findtext("name") or ""
        for message in context.iter("message"):
            # lupdate reads "#:" comments (our attribute docs) as translator notes: not for them.
            for note in message.findall("extracomment"):
                message.remove(note)
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if language == "en":
                text: str | None = source
            else:
                text = ZH_CN.get((context_name, source), ZH_CN.get(source))
            if text is None:
                missing.append(f"{context_name}: {source}")
                continue
            translation.text = text
            translation.attrib.pop("type", None)  # finished
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    lupdate, lrelease = tool("pyside6-lupdate"), tool("pyside6-lrelease")
    missing: list[str] = []
    for language in ("zh_CN", "en"):
        ts = HERE / f"workstation_{language}.ts"
        subprocess.check_call([lupdate, "-no-obsolete", "-locations", "none", *map(str, SOURCES),
                               "-target-language", language, "-ts", str(ts)])
        lacking = fill(ts, language)
        if language == "zh_CN":
            missing = lacking
        subprocess.check_call([lrelease, str(ts), "-qm", str(ts.with_suffix(".qm"))])
    if missing:
        print("untranslated:", *missing, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
