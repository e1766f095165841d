<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>App</name>
    <message>
        <source>An unexpected error occurred. Your work is saved.</source>
        <translation>An unexpected error occurred. Your work is saved.</translation>
    </message>
    <message>
        <source>Starting the demo service…</source>
        <translation>Starting the demo service…</translation>
    </message>
    <message>
        <source>Logging in as {staff_id}…</source>
        <translation>Logging in as {staff_id}…</translation>
    </message>
    <message>
        <source>The demo service could not be started.</source>
        <translation>The demo service could not be started.</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>Connecting to {server}…</translation>
    </message>
    <message>
        <source>Enter your password to log in.</source>
        <translation>Enter your password to log in.</translation>
    </message>
    <message>
        <source>Your login expired. Enter your password to continue.</source>
        <translation>Your login expired. Enter your password to continue.</translation>
    </message>
    <message>
        <source>Logging out…</source>
        <translation>Logging out…</translation>
    </message>
    <message>
        <source>Closing the session…</source>
        <translation>Closing the session…</translation>
    </message>
</context>
<context>
    <name>BusyDialog</name>
    <message>
        <source>Workstation</source>
        <translation>Workstation</translation>
    </message>
</context>
<context>
    <name>BuyerCard</name>
    <message>
        <source>Nickname</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>VIP level</source>
        <translation>VIP level</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>No buyer selected</source>
        <translation>No buyer selected</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Buyer</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <source>No conversation open</source>
        <translation>No conversation open</translation>
    </message>
    <message>
        <source>Select a conversation in the queue and press Enter.</source>
        <translation>Select a conversation in the queue and press Enter.</translation>
    </message>
    <message>
        <source>Conversation {id} is not in the local cache</source>
        <translation>Conversation {id} is not in the local cache</translation>
    </message>
    <message>
        <source>{buyer} · {shop}</source>
        <translation>{buyer} · {shop}</translation>
    </message>
    <message>
        <source>Agent: {name}({staff_id})</source>
        <translation>Agent: {name}({staff_id})</translation>
    </message>
    <message>
        <source>No messages in the local cache yet.</source>
        <translation>No messages in the local cache yet.</translation>
    </message>
    <message>
        <source>Could not read the conversation from the local cache</source>
        <translation>Could not read the conversation from the local cache</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>Your work is saved. Show the details to copy them for your support team.</source>
        <translation>Your work is saved. Show the details to copy them for your support team.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Pre-sale</source>
        <translation>Pre-sale</translation>
    </message>
    <message>
        <source>After-sale</source>
        <translation>After-sale</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Taobao</source>
        <translation>Taobao</translation>
    </message>
    <message>
        <source>Tmall</source>
        <translation>Tmall</translation>
    </message>
    <message>
        <source>JD</source>
        <translation>JD</translation>
    </message>
    <message>
        <source>Pinduoduo</source>
        <translation>Pinduoduo</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>Douyin</translation>
    </message>
    <message>
        <source>Web shop</source>
        <translation>Web shop</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Syncing</translation>
    </message>
    <message>
        <source>Offline since {time}</source>
        <translation>Offline since {time}</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Login needed</source>
        <translation>Login needed</translation>
    </message>
    <message>
        <source>App too old</source>
        <translation>App too old</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to Workstation</source>
        <translation>Log in to Workstation</translation>
    </message>
    <message>
        <source>http://server:8000</source>
        <translation>http://server:8000</translation>
    </message>
    <message>
        <source>e.g. kf001</source>
        <translation>e.g. kf001</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Staff id</source>
        <translation>Staff id</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>Enter the server address.</translation>
    </message>
    <message>
        <source>Enter your staff id.</source>
        <translation>Enter your staff id.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Logging in to {server}…</source>
        <translation>Logging in to {server}…</translation>
    </message>
    <message>
        <source>“{server}” is not a valid server address. Use a form like http://server:8000.</source>
        <translation>“{server}” is not a valid server address. Use a form like http://server:8000.</translation>
    </message>
    <message>
        <source>Workstation is already open for this staff id on this computer. Close the other window first.</source>
        <translation>Workstation is already open for this staff id on this computer. Close the other window first.</translation>
    </message>
    <message>
        <source>Wrong staff id or password.</source>
        <translation>Wrong staff id or password.</translation>
    </message>
    <message>
        <source>This account may not use Workstation.</source>
        <translation>This account may not use Workstation.</translation>
    </message>
    <message>
        <source>This version of Workstation is too old for the server. Please update it.</source>
        <translation>This version of Workstation is too old for the server. Please update it.</translation>
    </message>
    <message>
        <source>Cannot reach the server at {server}. Check the address and the network, or ask whether the server is running.</source>
        <translation>Cannot reach the server at {server}. Check the address and the network, or ask whether the server is running.</translation>
    </message>
    <message>
        <source>The server is busy or under maintenance. Try again in a moment.</source>
        <translation>The server is busy or under maintenance. Try again in a moment.</translation>
    </message>
    <message>
        <source>The server at {server} did not answer like a Workstation server. Check the address.</source>
        <translation>The server at {server} did not answer like a Workstation server. Check the address.</translation>
    </message>
    <message>
        <source>The server refused the login: {reason}</source>
        <translation>The server refused the login: {reason}</translation>
    </message>
    <message>
        <source>Login failed: {error}</source>
        <translation>Login failed: {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Workstation — {name}({staff_id})</source>
        <translation>Workstation — {name}({staff_id})</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Customer and orders</source>
        <translation>Customer and orders</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Log in &amp;again…</source>
        <translation>Log in &amp;again…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Conversation</translation>
    </message>
    <message>
        <source>Go to &amp;queue</source>
        <translation>Go to &amp;queue</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Reset layout</translation>
    </message>
    <message>
        <source>&amp;Wait thresholds…</source>
        <translation>&amp;Wait thresholds…</translation>
    </message>
    <message>
        <source>&amp;Language (applies after restart)</source>
        <translation>&amp;Language (applies after restart)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;About Workstation</source>
        <translation>&amp;About Workstation</translation>
    </message>
    <message>
        <source>No secure password store (keychain) is available on this computer, so your login is kept only until Workstation closes; you will need to log in again after a restart.</source>
        <translation>No secure password store (keychain) is available on this computer, so your login is kept only until Workstation closes; you will need to log in again after a restart.</translation>
    </message>
    <message>
        <source>The local cache was damaged and has been rebuilt from the server. Your unsent changes ({outbox}) and drafts ({drafts}) were kept. The damaged file was set aside as {path}.</source>
        <translation>The local cache was damaged and has been rebuilt from the server. Your unsent changes ({outbox}) and drafts ({drafts}) were kept. The damaged file was set aside as {path}.</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <source>Last synced at {time}</source>
        <translation>Last synced at {time}</translation>
    </message>
    <message>
        <source>{n} changes waiting to sync</source>
        <translation>{n} changes waiting to sync</translation>
    </message>
    <message>
        <source>{n} changes rejected</source>
        <translation>{n} changes rejected</translation>
    </message>
    <message>
        <source>Offline: claiming needs a connection to the server</source>
        <translation>Offline: claiming needs a connection to the server</translation>
    </message>
    <message>
        <source>Your login expired: log in again to claim (File → Log in again)</source>
        <translation>Your login expired: log in again to claim (File → Log in again)</translation>
    </message>
    <message>
        <source>This version is too old for the server: please update Workstation</source>
        <translation>This version is too old for the server: please update Workstation</translation>
    </message>
    <message>
        <source>The language will change when Workstation restarts.</source>
        <translation>The language will change when Workstation restarts.</translation>
    </message>
    <message>
        <source>Open the selected conversation</source>
        <translation>Open the selected conversation</translation>
    </message>
    <message>
        <source>Claim the selected conversation</source>
        <translation>Claim the selected conversation</translation>
    </message>
    <message>
        <source>Claim the longest-waiting conversation</source>
        <translation>Claim the longest-waiting conversation</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>Search the queue</translation>
    </message>
    <message>
        <source>Go to the queue</source>
        <translation>Go to the queue</translation>
    </message>
    <message>
        <source>Show or hide a panel</source>
        <translation>Show or hide a panel</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>About Workstation</source>
        <translation>About Workstation</translation>
    </message>
    <message>
        <source>Workstation: the customer-service agent's desk.</source>
        <translation>Workstation: the customer-service agent's desk.</translation>
    </message>
    <message>
        <source>Logged in to {server}</source>
        <translation>Logged in to {server}</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Me</source>
        <translation>Me</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>Last message</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Search buyer, shop, message, agent</source>
        <translation>Search buyer, shop, message, agent</translation>
    </message>
    <message>
        <source>Filter the queue (Ctrl+F)</source>
        <translation>Filter the queue (Ctrl+F)</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>All shops</source>
        <translation>All shops</translation>
    </message>
    <message>
        <source>Skill group</source>
        <translation>Skill group</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>&amp;Claim conversation</source>
        <translation>&amp;Claim conversation</translation>
    </message>
    <message>
        <source>Claim &amp;next waiting</source>
        <translation>Claim &amp;next waiting</translation>
    </message>
    <message>
        <source>&amp;Open conversation</source>
        <translation>&amp;Open conversation</translation>
    </message>
    <message>
        <source>&amp;Find in queue</source>
        <translation>&amp;Find in queue</translation>
    </message>
    <message>
        <source>Could not read the queue from the local cache: {error}</source>
        <translation>Could not read the queue from the local cache: {error}</translation>
    </message>
    <message>
        <source>{shown} shown, {waiting} waiting</source>
        <translation>{shown} shown, {waiting} waiting</translation>
    </message>
    <message>
        <source>Claiming needs a connection to the server</source>
        <translation>Claiming needs a connection to the server</translation>
    </message>
    <message>
        <source>Claiming is not available</source>
        <translation>Claiming is not available</translation>
    </message>
    <message>
        <source>Select a waiting conversation to claim it</source>
        <translation>Select a waiting conversation to claim it</translation>
    </message>
    <message>
        <source>Claiming…</source>
        <translation>Claiming…</translation>
    </message>
    <message>
        <source>This conversation is already yours</source>
        <translation>This conversation is already yours</translation>
    </message>
    <message>
        <source>This conversation is closed</source>
        <translation>This conversation is closed</translation>
    </message>
    <message>
        <source>This conversation is already taken</source>
        <translation>This conversation is already taken</translation>
    </message>
    <message>
        <source>Claim the longest-waiting conversation shown</source>
        <translation>Claim the longest-waiting conversation shown</translation>
    </message>
    <message>
        <source>Claim the selected waiting conversation ({shortcut})</source>
        <translation>Claim the selected waiting conversation ({shortcut})</translation>
    </message>
    <message>
        <source>No waiting conversation to claim</source>
        <translation>No waiting conversation to claim</translation>
    </message>
    <message>
        <source>Claiming {buyer}…</source>
        <translation>Claiming {buyer}…</translation>
    </message>
    <message>
        <source>You are now serving {buyer}</source>
        <translation>You are now serving {buyer}</translation>
    </message>
    <message>
        <source>This conversation was already taken</source>
        <translation>This conversation was already taken</translation>
    </message>
    <message>
        <source>Already taken by {name}({staff_id})</source>
        <translation>Already taken by {name}({staff_id})</translation>
    </message>
    <message>
        <source>Could not claim: the server cannot be reached. Try again when online.</source>
        <translation>Could not claim: the server cannot be reached. Try again when online.</translation>
    </message>
    <message>
        <source>Could not claim: please log in again.</source>
        <translation>Could not claim: please log in again.</translation>
    </message>
    <message>
        <source>Could not claim: {reason}</source>
        <translation>Could not claim: {reason}</translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <source>Wait thresholds</source>
        <translation>Wait thresholds</translation>
    </message>
    <message>
        <source>Amber after (s)</source>
        <translation>Amber after (s)</translation>
    </message>
    <message>
        <source>Red after (s)</source>
        <translation>Red after (s)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Qianniu turns a waiting chat red at 100 seconds.</source>
        <translation>Qianniu turns a waiting chat red at 100 seconds.</translation>
    </message>
</context>
</TS>