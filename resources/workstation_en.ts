<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>AgentPicker</name>
    <message>
        <source>Type a name or staff id</source>
        <translation>Type a name or staff id</translation>
    </message>
    <message>
        <source>Filter agents</source>
        <translation>Filter agents</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Back to the queue (each to its group)</source>
        <translation>Back to the queue (each to its group)</translation>
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
        <translation>Online</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>AgentsModel</name>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Load</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>Avg response</source>
        <translation>Avg response</translation>
    </message>
    <message>
        <source>Handled today</source>
        <translation>Handled today</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>{status} since {time}</source>
        <translation>{status} since {time}</translation>
    </message>
    <message>
        <source>{load} ⚠ over capacity</source>
        <translation>{load} ⚠ over capacity</translation>
    </message>
</context>
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
    <name>AuditDialog</name>
    <message>
        <source>Supervisor actions</source>
        <translation>Supervisor actions</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Took over</source>
        <translation>Took over</translation>
    </message>
    <message>
        <source>Moved conversations</source>
        <translation>Moved conversations</translation>
    </message>
    <message>
        <source>Changed capacity</source>
        <translation>Changed capacity</translation>
    </message>
    <message>
        <source>Changed groups</source>
        <translation>Changed groups</translation>
    </message>
    <message>
        <source>Changed settings</source>
        <translation>Changed settings</translation>
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
    <name>CheatSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Change them in Settings → Keyboard.</source>
        <translation>Change them in Settings → Keyboard.</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close conversation</source>
        <translation>Close conversation</translation>
    </message>
    <message>
        <source>What was this conversation about?</source>
        <translation>What was this conversation about?</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Note (optional):</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>Choose a category.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Type a reply…  (/ for quick phrases)</source>
        <translation>Type a reply…  (/ for quick phrases)</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Open a conversation to reply</source>
        <translation>Open a conversation to reply</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Claim this conversation first to reply</source>
        <translation>Claim this conversation first to reply</translation>
    </message>
    <message>
        <source>Type a reply first</source>
        <translation>Type a reply first</translation>
    </message>
    <message>
        <source>The reply has {n} characters; at most {max} can be sent at once. Shorten it or send it in parts.</source>
        <translation>The reply has {n} characters; at most {max} can be sent at once. Shorten it or send it in parts.</translation>
    </message>
    <message>
        <source>Fill in {names} before sending</source>
        <translation>Fill in {names} before sending</translation>
    </message>
    <message>
        <source>Offline, saved as a draft</source>
        <translation>Offline, saved as a draft</translation>
    </message>
    <message>
        <source>Send the reply ({key})</source>
        <translation>Send the reply ({key})</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>Offline: replies are kept as drafts</source>
        <translation>Offline: replies are kept as drafts</translation>
    </message>
    <message>
        <source>The draft could not be saved: {reason}</source>
        <translation>The draft could not be saved: {reason}</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Not sent: already taken by {name}({staff_id})</source>
        <translation>Not sent: already taken by {name}({staff_id})</translation>
    </message>
    <message>
        <source>Not sent: this conversation is closed or no longer yours</source>
        <translation>Not sent: this conversation is closed or no longer yours</translation>
    </message>
    <message>
        <source>Not sent: please log in again (File → Log in again); the reply is kept</source>
        <translation>Not sent: please log in again (File → Log in again); the reply is kept</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Not sent: {reason}</translation>
    </message>
</context>
<context>
    <name>ConfigDialog</name>
    <message>
        <source>Monitoring settings</source>
        <translation>Monitoring settings</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>SLA for {group}</source>
        <translation>SLA for {group}</translation>
    </message>
    <message>
        <source>SLA: {group}</source>
        <translation>SLA: {group}</translation>
    </message>
    <message>
        <source>Complaint spike: times the usual rate</source>
        <translation>Complaint spike: times the usual rate</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Complaint spike: window</source>
        <translation>Complaint spike: window</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Complaint spike: usual rate over</source>
        <translation>Complaint spike: usual rate over</translation>
    </message>
    <message>
        <source>Complaint spike: at least this many</source>
        <translation>Complaint spike: at least this many</translation>
    </message>
    <message>
        <source>Away after no input for</source>
        <translation>Away after no input for</translation>
    </message>
    <message>
        <source>Offline after no heartbeat for</source>
        <translation>Offline after no heartbeat for</translation>
    </message>
    <message>
        <source>Order-note changes need a &amp;reason</source>
        <translation>Order-note changes need a &amp;reason</translation>
    </message>
    <message>
        <source>Agents must give a reason for every edit or deletion of an order note</source>
        <translation>Agents must give a reason for every edit or deletion of an order note</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <source>&amp;Transfer…</source>
        <translation>&amp;Transfer…</translation>
    </message>
    <message>
        <source>C&amp;lose conversation…</source>
        <translation>C&amp;lose conversation…</translation>
    </message>
    <message>
        <source>&amp;Escalate to supervisor…</source>
        <translation>&amp;Escalate to supervisor…</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Reply</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>No conversation open</translation>
    </message>
    <message>
        <source>Select a conversation in the queue and press Enter.</source>
        <translation>Select a conversation in the queue and press Enter.</translation>
    </message>
    <message>
        <source>Your login expired: log in again (File → Log in again)</source>
        <translation>Your login expired: log in again (File → Log in again)</translation>
    </message>
    <message>
        <source>This version is too old for the server: please update Workstation</source>
        <translation>This version is too old for the server: please update Workstation</translation>
    </message>
    <message>
        <source>Offline: this needs a connection to the server</source>
        <translation>Offline: this needs a connection to the server</translation>
    </message>
    <message>
        <source>Open a conversation first</source>
        <translation>Open a conversation first</translation>
    </message>
    <message>
        <source>Waiting for the server's answer…</source>
        <translation>Waiting for the server's answer…</translation>
    </message>
    <message>
        <source>This conversation is closed</source>
        <translation>This conversation is closed</translation>
    </message>
    <message>
        <source>Claim this conversation first (Ctrl+J)</source>
        <translation>Claim this conversation first (Ctrl+J)</translation>
    </message>
    <message>
        <source>Served by {name}: only they or a supervisor can do this</source>
        <translation>Served by {name}: only they or a supervisor can do this</translation>
    </message>
    <message>
        <source>Claim this conversation first to reply (Ctrl+J)</source>
        <translation>Claim this conversation first to reply (Ctrl+J)</translation>
    </message>
    <message>
        <source>Served by {name}: only the agent serving it can reply</source>
        <translation>Served by {name}: only the agent serving it can reply</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
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
        <source>Escalated to a supervisor</source>
        <translation>Escalated to a supervisor</translation>
    </message>
    <message>
        <source>Transferred to {target}</source>
        <translation>Transferred to {target}</translation>
    </message>
    <message>
        <source>Could not transfer</source>
        <translation>Could not transfer</translation>
    </message>
    <message>
        <source>Conversation closed ({category})</source>
        <translation>Conversation closed ({category})</translation>
    </message>
    <message>
        <source>Could not close</source>
        <translation>Could not close</translation>
    </message>
    <message>
        <source>Could not escalate</source>
        <translation>Could not escalate</translation>
    </message>
    <message>
        <source>Already taken by {name}({staff_id})</source>
        <translation>Already taken by {name}({staff_id})</translation>
    </message>
    <message>
        <source>The conversation changed meanwhile (closed or moved)</source>
        <translation>The conversation changed meanwhile (closed or moved)</translation>
    </message>
    <message>
        <source>the server cannot be reached; try again when online</source>
        <translation>the server cannot be reached; try again when online</translation>
    </message>
    <message>
        <source>please log in again</source>
        <translation>please log in again</translation>
    </message>
    <message>
        <source>Could not read the conversation from the local cache</source>
        <translation>Could not read the conversation from the local cache</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Order no., tracking no., phone or nickname (Ctrl+K)</source>
        <translation>Order no., tracking no., phone or nickname (Ctrl+K)</translation>
    </message>
    <message>
        <source>Searches the local cache, also offline: order number (or its first 6 digits), tracking number, full phone number or its last 4 digits, nickname or name.
↑/↓ choose, Enter opens, Esc returns to the conversation's buyer.</source>
        <translation>Searches the local cache, also offline: order number (or its first 6 digits), tracking number, full phone number or its last 4 digits, nickname or name.
↑/↓ choose, Enter opens, Esc returns to the conversation's buyer.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
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
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>VIP level</source>
        <translation>VIP level</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>Lifetime</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>Last update</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Shipping</translation>
    </message>
    <message>
        <source>After-sale</source>
        <translation>After-sale</translation>
    </message>
    <message>
        <source>Search orders and buyers</source>
        <translation>Search orders and buyers</translation>
    </message>
    <message>
        <source>Copy order number</source>
        <translation>Copy order number</translation>
    </message>
    <message>
        <source>Copy tracking number</source>
        <translation>Copy tracking number</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Copy address</translation>
    </message>
    <message>
        <source>Could not read the customer from the local cache: {error}</source>
        <translation>Could not read the customer from the local cache: {error}</translation>
    </message>
    <message>
        <source>No buyer selected</source>
        <translation>No buyer selected</translation>
    </message>
    <message>
        <source>Open a conversation, or search for an order, phone number or nickname.</source>
        <translation>Open a conversation, or search for an order, phone number or nickname.</translation>
    </message>
    <message>
        <source>No orders in the local cache</source>
        <translation>No orders in the local cache</translation>
    </message>
    <message>
        <source>Buyer {id} (not in the local cache yet)</source>
        <translation>Buyer {id} (not in the local cache yet)</translation>
    </message>
    <message>
        <source>Buyer {id}</source>
        <translation>Buyer {id}</translation>
    </message>
    <message>
        <source>VIP {level}</source>
        <translation>VIP {level}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>{count} orders · {spent}</source>
        <translation>{count} orders · {spent}</translation>
    </message>
    <message>
        <source>Shop: {shop}</source>
        <translation>Shop: {shop}</translation>
    </message>
    <message>
        <source>First contact: {time}</source>
        <translation>First contact: {time}</translation>
    </message>
    <message>
        <source>Last contact: {time}</source>
        <translation>Last contact: {time}</translation>
    </message>
    <message>
        <source>Order notes: {n}</source>
        <translation>Order notes: {n}</translation>
    </message>
    <message>
        <source>Addresses used:</source>
        <translation>Addresses used:</translation>
    </message>
    <message>
        <source>Nudge to pay</source>
        <translation>Nudge to pay</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>Balance due</translation>
    </message>
    <message>
        <source>Parcel stuck</source>
        <translation>Parcel stuck</translation>
    </message>
    <message>
        <source>After-sale open</source>
        <translation>After-sale open</translation>
    </message>
    <message>
        <source>Expand for items, payment, shipping and after-sale</source>
        <translation>Expand for items, payment, shipping and after-sale</translation>
    </message>
    <message>
        <source>Items ({n})</source>
        <translation>Items ({n})</translation>
    </message>
    <message>
        <source>Discount: {label}</source>
        <translation>Discount: {label}</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>Shipping fee</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>paid {time}</source>
        <translation>paid {time}</translation>
    </message>
    <message>
        <source>not paid</source>
        <translation>not paid</translation>
    </message>
    <message>
        <source>Presale deposit</source>
        <translation>Presale deposit</translation>
    </message>
    <message>
        <source>Balance paid {time}</source>
        <translation>Balance paid {time}</translation>
    </message>
    <message>
        <source>Balance window not open yet</source>
        <translation>Balance window not open yet</translation>
    </message>
    <message>
        <source>Balance window opens soon</source>
        <translation>Balance window opens soon</translation>
    </message>
    <message>
        <source>Balance due now</source>
        <translation>Balance due now</translation>
    </message>
    <message>
        <source>Balance window passed unpaid</source>
        <translation>Balance window passed unpaid</translation>
    </message>
    <message>
        <source>Balance {start} – {end}</source>
        <translation>Balance {start} – {end}</translation>
    </message>
    <message>
        <source>Promised shipping by</source>
        <translation>Promised shipping by</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>Ship to</translation>
    </message>
    <message>
        <source>Buyer's message</source>
        <translation>Buyer's message</translation>
    </message>
    <message>
        <source>Stuck: no update for {duration}</source>
        <translation>Stuck: no update for {duration}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <source>Paid, awaiting shipment</source>
        <translation>Paid, awaiting shipment</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Refunding</source>
        <translation>Refunding</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>In transit</translation>
    </message>
    <message>
        <source>Out for delivery</source>
        <translation>Out for delivery</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>Exception</translation>
    </message>
    <message>
        <source>Refund only</source>
        <translation>Refund only</translation>
    </message>
    <message>
        <source>Return and refund</source>
        <translation>Return and refund</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>Reissue</source>
        <translation>Reissue</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Awaiting return</source>
        <translation>Awaiting return</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Reshipped</source>
        <translation>Reshipped</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Unpaid for {duration}</source>
        <translation>Unpaid for {duration}</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Parcels</translation>
    </message>
    <message>
        <source>After-sale cases</source>
        <translation>After-sale cases</translation>
    </message>
    <message>
        <source>Order note</source>
        <translation>Order note</translation>
    </message>
    <message>
        <source>Show the full receiver address…</source>
        <translation>Show the full receiver address…</translation>
    </message>
    <message>
        <source>Ask the server for the selected order's full receiver address (recorded with your reason)</source>
        <translation>Ask the server for the selected order's full receiver address (recorded with your reason)</translation>
    </message>
    <message>
        <source>Order {no}</source>
        <translation>Order {no}</translation>
    </message>
    <message>
        <source>No parcels</source>
        <translation>No parcels</translation>
    </message>
    <message>
        <source>No after-sale cases</source>
        <translation>No after-sale cases</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>No order selected</translation>
    </message>
    <message>
        <source>Copied {what}: {text}</source>
        <translation>Copied {what}: {text}</translation>
    </message>
    <message>
        <source>No order to copy</source>
        <translation>No order to copy</translation>
    </message>
    <message>
        <source>order number</source>
        <translation>order number</translation>
    </message>
    <message>
        <source>No tracking number to copy</source>
        <translation>No tracking number to copy</translation>
    </message>
    <message>
        <source>tracking number</source>
        <translation>tracking number</translation>
    </message>
    <message>
        <source>No address to copy</source>
        <translation>No address to copy</translation>
    </message>
    <message>
        <source>address</source>
        <translation>address</translation>
    </message>
    <message>
        <source>Needs the “reveal contact” permission, granted by a supervisor</source>
        <translation>Needs the “reveal contact” permission, granted by a supervisor</translation>
    </message>
    <message>
        <source>Ask the server for the full value (recorded with your reason)</source>
        <translation>Ask the server for the full value (recorded with your reason)</translation>
    </message>
    <message>
        <source>Show full contact</source>
        <translation>Show full contact</translation>
    </message>
    <message>
        <source>Why do you need the full value? (recorded on the server)</source>
        <translation>Why do you need the full value? (recorded on the server)</translation>
    </message>
    <message>
        <source>A reason is needed to show the full value.</source>
        <translation>A reason is needed to show the full value.</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <source>Shown for this buyer only; the reveal was recorded.</source>
        <translation>Shown for this buyer only; the reveal was recorded.</translation>
    </message>
    <message>
        <source>Offline: showing the full value needs the server. Try again when connected.</source>
        <translation>Offline: showing the full value needs the server. Try again when connected.</translation>
    </message>
    <message>
        <source>The server refused: you do not have the “reveal contact” permission.</source>
        <translation>The server refused: you do not have the “reveal contact” permission.</translation>
    </message>
    <message>
        <source>The server does not know this buyer.</source>
        <translation>The server does not know this buyer.</translation>
    </message>
    <message>
        <source>Could not show the full value: {error}</source>
        <translation>Could not show the full value: {error}</translation>
    </message>
    <message>
        <source>nickname or name</source>
        <translation>nickname or name</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>last 4 digits of the phone</source>
        <translation>last 4 digits of the phone</translation>
    </message>
    <message>
        <source>matches {what}</source>
        <translation>matches {what}</translation>
    </message>
    <message>
        <source>possible match</source>
        <translation>possible match</translation>
    </message>
    <message>
        <source>Only the first 3 and last 4 digits of phones are known here, and several buyers share them: check the name.</source>
        <translation>Only the first 3 and last 4 digits of phones are known here, and several buyers share them: check the name.</translation>
    </message>
    <message>
        <source>Tracking number {no}</source>
        <translation>Tracking number {no}</translation>
    </message>
    <message>
        <source>Nothing found in the local cache</source>
        <translation>Nothing found in the local cache</translation>
    </message>
    <message>
        <source>More buyers match: type more to narrow the search</source>
        <translation>More buyers match: type more to narrow the search</translation>
    </message>
    <message>
        <source>Search failed: {error}</source>
        <translation>Search failed: {error}</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Shop {id}</source>
        <translation>Shop {id}</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Queues</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Waiting conversations</source>
        <translation>Waiting conversations</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Enter or double-click: show the conversation, agent or queue</source>
        <translation>Enter or double-click: show the conversation, agent or queue</translation>
    </message>
    <message>
        <source>Enter or double-click: the agent's conversations, to reassign or take over one</source>
        <translation>Enter or double-click: the agent's conversations, to reassign or take over one</translation>
    </message>
    <message>
        <source>Filter agents: staff id, name, group or status</source>
        <translation>Filter agents: staff id, name, group or status</translation>
    </message>
    <message>
        <source>Filter agents</source>
        <translation>Filter agents</translation>
    </message>
    <message>
        <source>Waiting conversations (drag onto an agent)</source>
        <translation>Waiting conversations (drag onto an agent)</translation>
    </message>
    <message>
        <source>&amp;Assign to an agent…</source>
        <translation>&amp;Assign to an agent…</translation>
    </message>
    <message>
        <source>&amp;Take over</source>
        <translation>&amp;Take over</translation>
    </message>
    <message>
        <source>&amp;Move an agent's conversations…</source>
        <translation>&amp;Move an agent's conversations…</translation>
    </message>
    <message>
        <source>&amp;Capacity and groups…</source>
        <translation>&amp;Capacity and groups…</translation>
    </message>
    <message>
        <source>An agent's &amp;conversations…</source>
        <translation>An agent's &amp;conversations…</translation>
    </message>
    <message>
        <source>S&amp;ort by the current column</source>
        <translation>S&amp;ort by the current column</translation>
    </message>
    <message>
        <source>Monitoring &amp;settings…</source>
        <translation>Monitoring &amp;settings…</translation>
    </message>
    <message>
        <source>Supervisor &amp;actions…</source>
        <translation>Supervisor &amp;actions…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Loading the dashboard…</source>
        <translation>Loading the dashboard…</translation>
    </message>
    <message>
        <source>Data as of {time} ({minutes} min ago) — the service cannot be reached</source>
        <translation>Data as of {time} ({minutes} min ago) — the service cannot be reached</translation>
    </message>
    <message>
        <source>Live · updated {time}</source>
        <translation>Live · updated {time}</translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation>No alerts</translation>
    </message>
    <message>
        <source>SLA breach: {buyer} in {shop} · {group} has waited {wait} (limit {limit})</source>
        <translation>SLA breach: {buyer} in {shop} · {group} has waited {wait} (limit {limit})</translation>
    </message>
    <message>
        <source>conversation {id}</source>
        <translation>conversation {id}</translation>
    </message>
    <message>
        <source>Complaint spike in {shop}: {count} complaints since {time} (usual level {level})</source>
        <translation>Complaint spike in {shop}: {count} complaints since {time} (usual level {level})</translation>
    </message>
    <message>
        <source>Over capacity: {agent} holds {load} conversations (capacity {capacity})</source>
        <translation>Over capacity: {agent} holds {load} conversations (capacity {capacity})</translation>
    </message>
    <message>
        <source>The service cannot be reached: the dashboard appears when it answers.</source>
        <translation>The service cannot be reached: the dashboard appears when it answers.</translation>
    </message>
    <message>
        <source>Not changed: {name}({staff_id}) has this conversation now.</source>
        <translation>Not changed: {name}({staff_id}) has this conversation now.</translation>
    </message>
    <message>
        <source>Not changed: the conversation changed meanwhile (status: {status}).</source>
        <translation>Not changed: the conversation changed meanwhile (status: {status}).</translation>
    </message>
    <message>
        <source>Offline: this needs a connection to the service.</source>
        <translation>Offline: this needs a connection to the service.</translation>
    </message>
    <message>
        <source>Not allowed: {message}</source>
        <translation>Not allowed: {message}</translation>
    </message>
    <message>
        <source>The service refused: {message}</source>
        <translation>The service refused: {message}</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>Failed: {error}</translation>
    </message>
    <message>
        <source>you</source>
        <translation>you</translation>
    </message>
    <message>
        <source>Conversation {id} assigned to {name}.</source>
        <translation>Conversation {id} assigned to {name}.</translation>
    </message>
    <message>
        <source>Select a waiting conversation first.</source>
        <translation>Select a waiting conversation first.</translation>
    </message>
    <message>
        <source>Assign to an agent</source>
        <translation>Assign to an agent</translation>
    </message>
    <message>
        <source>Select an agent first.</source>
        <translation>Select an agent first.</translation>
    </message>
    <message>
        <source>Buyer {id}</source>
        <translation>Buyer {id}</translation>
    </message>
    <message>
        <source>Give {buyer} (held by {name}) to</source>
        <translation>Give {buyer} (held by {name}) to</translation>
    </message>
    <message>
        <source>{table}: in the service's order</source>
        <translation>{table}: in the service's order</translation>
    </message>
    <message>
        <source>{table}: sorted by {column}, ascending</source>
        <translation>{table}: sorted by {column}, ascending</translation>
    </message>
    <message>
        <source>{table}: sorted by {column}, descending</source>
        <translation>{table}: sorted by {column}, descending</translation>
    </message>
    <message>
        <source>Move {name}'s conversations to</source>
        <translation>Move {name}'s conversations to</translation>
    </message>
    <message>
        <source>the queue</source>
        <translation>the queue</translation>
    </message>
    <message>
        <source>{moved} conversation(s) of {name} moved to {target}.</source>
        <translation>{moved} conversation(s) of {name} moved to {target}.</translation>
    </message>
    <message>
        <source>{n} changed hands meanwhile and were left as they are.</source>
        <translation>{n} changed hands meanwhile and were left as they are.</translation>
    </message>
    <message>
        <source>{name}: capacity {capacity}, groups {groups}.</source>
        <translation>{name}: capacity {capacity}, groups {groups}.</translation>
    </message>
    <message>
        <source>Monitoring settings saved.</source>
        <translation>Monitoring settings saved.</translation>
    </message>
    <message>
        <source>Move all back to the &amp;queue</source>
        <translation>Move all back to the &amp;queue</translation>
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
    <name>EscalateDialog</name>
    <message>
        <source>Escalate to a supervisor</source>
        <translation>Escalate to a supervisor</translation>
    </message>
    <message>
        <source>&amp;Why does this need a supervisor?</source>
        <translation>&amp;Why does this need a supervisor?</translation>
    </message>
</context>
<context>
    <name>FixDialog</name>
    <message>
        <source>Fix and resend</source>
        <translation>Fix and resend</translation>
    </message>
    <message>
        <source>{what} · {subject}
Rejected: {error}</source>
        <translation>{what} · {subject}
Rejected: {error}</translation>
    </message>
    <message>
        <source>This change has nothing to correct: it can be sent again as it is.</source>
        <translation>This change has nothing to correct: it can be sent again as it is.</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Resend</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Presale balance due</source>
        <translation>Presale balance due</translation>
    </message>
    <message>
        <source>Missed shipment</source>
        <translation>Missed shipment</translation>
    </message>
    <message>
        <source>Promised call-back</source>
        <translation>Promised call-back</translation>
    </message>
    <message>
        <source>Open complaint</source>
        <translation>Open complaint</translation>
    </message>
    <message>
        <source>Unpaid order to nudge</source>
        <translation>Unpaid order to nudge</translation>
    </message>
    <message>
        <source>Stuck parcel</source>
        <translation>Stuck parcel</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Order {no}</source>
        <translation>Order {no}</translation>
    </message>
    <message>
        <source>Conversation {id}</source>
        <translation>Conversation {id}</translation>
    </message>
    <message>
        <source>Item {n} has no text: write what the next shift should do, or remove it.</source>
        <translation>Item {n} has no text: write what the next shift should do, or remove it.</translation>
    </message>
    <message>
        <source>Item {n} is too long (at most 1000 characters).</source>
        <translation>Item {n} is too long (at most 1000 characters).</translation>
    </message>
    <message>
        <source>The summary is too long (at most 2000 characters).</source>
        <translation>The summary is too long (at most 2000 characters).</translation>
    </message>
    <message>
        <source>Choose the kind of every item.</source>
        <translation>Choose the kind of every item.</translation>
    </message>
    <message>
        <source>You do not work in this shop.</source>
        <translation>You do not work in this shop.</translation>
    </message>
    <message>
        <source>This handover is published and can no longer be changed.</source>
        <translation>This handover is published and can no longer be changed.</translation>
    </message>
    <message>
        <source>Only its author can change or publish a handover.</source>
        <translation>Only its author can change or publish a handover.</translation>
    </message>
    <message>
        <source>This handover is not in the local cache.</source>
        <translation>This handover is not in the local cache.</translation>
    </message>
    <message>
        <source>This item is not in the local cache.</source>
        <translation>This item is not in the local cache.</translation>
    </message>
    <message>
        <source>Only a published handover can be read and worked through.</source>
        <translation>Only a published handover can be read and worked through.</translation>
    </message>
    <message>
        <source>Nobody is logged in on this cache: log in again.</source>
        <translation>Nobody is logged in on this cache: log in again.</translation>
    </message>
    <message>
        <source>Shifts are set by the shop's supervisors.</source>
        <translation>Shifts are set by the shop's supervisors.</translation>
    </message>
    <message>
        <source>Give the shift a name and a code (e.g. 早班, early).</source>
        <translation>Give the shift a name and a code (e.g. 早班, early).</translation>
    </message>
    <message>
        <source>A shift's code has at most 16 characters and its name at most 32.</source>
        <translation>A shift's code has at most 16 characters and its name at most 32.</translation>
    </message>
    <message>
        <source>A shift cannot start and end at the same time.</source>
        <translation>A shift cannot start and end at the same time.</translation>
    </message>
    <message>
        <source>This shop already has a shift with the code {code}.</source>
        <translation>This shop already has a shift with the code {code}.</translation>
    </message>
</context>
<context>
    <name>HandoverBanner</name>
    <message>
        <source>Read the handover</source>
        <translation>Read the handover</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>{author} left a handover for your shift ({n} open items).</source>
        <translation>{author} left a handover for your shift ({n} open items).</translation>
    </message>
</context>
<context>
    <name>HandoverWindow</name>
    <message>
        <source>Shift handover</source>
        <translation>Shift handover</translation>
    </message>
    <message>
        <source>Hand over (mine)</source>
        <translation>Hand over (mine)</translation>
    </message>
    <message>
        <source>Take over (incoming)</source>
        <translation>Take over (incoming)</translation>
    </message>
    <message>
        <source>Sent and read</source>
        <translation>Sent and read</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>From shift</source>
        <translation>From shift</translation>
    </message>
    <message>
        <source>To shift</source>
        <translation>To shift</translation>
    </message>
    <message>
        <source>Shop:</source>
        <translation>Shop:</translation>
    </message>
    <message>
        <source>From shift:</source>
        <translation>From shift:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>to:</translation>
    </message>
    <message>
        <source>Handover items</source>
        <translation>Handover items</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>What to do</translation>
    </message>
    <message>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Due time</source>
        <translation>Due time</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>What to do:</translation>
    </message>
    <message>
        <source>About:</source>
        <translation>About:</translation>
    </message>
    <message>
        <source>&amp;Add item</source>
        <translation>&amp;Add item</translation>
    </message>
    <message>
        <source>&amp;Remove item</source>
        <translation>&amp;Remove item</translation>
    </message>
    <message>
        <source>Propose &amp;again</source>
        <translation>Propose &amp;again</translation>
    </message>
    <message>
        <source>Add what is open now that is not in the list yet</source>
        <translation>Add what is open now that is not in the list yet</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Summary for the next shift (optional)</source>
        <translation>Summary for the next shift (optional)</translation>
    </message>
    <message>
        <source>Save &amp;draft</source>
        <translation>Save &amp;draft</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publish</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>Summary:</translation>
    </message>
    <message>
        <source>Draft saved at {time}</source>
        <translation>Draft saved at {time}</translation>
    </message>
    <message>
        <source>pending sync</source>
        <translation>pending sync</translation>
    </message>
    <message>
        <source>Proposed from what is open now: {n} items. Edit, remove or add, then publish.</source>
        <translation>Proposed from what is open now: {n} items. Edit, remove or add, then publish.</translation>
    </message>
    <message>
        <source>Shop {id}</source>
        <translation>Shop {id}</translation>
    </message>
    <message>
        <source>This shop has no shifts yet: a supervisor sets them up (Shifts tab).</source>
        <translation>This shop has no shifts yet: a supervisor sets them up (Shifts tab).</translation>
    </message>
    <message>
        <source>(carried over) </source>
        <translation>(carried over) </translation>
    </message>
    <message>
        <source>Not linked to an order or conversation</source>
        <translation>Not linked to an order or conversation</translation>
    </message>
    <message>
        <source>{n} items added</source>
        <translation>{n} items added</translation>
    </message>
    <message>
        <source>Choose the shop and the shifts.</source>
        <translation>Choose the shop and the shifts.</translation>
    </message>
    <message>
        <source>Item {n} has no text: write what the next shift should do, or remove it.</source>
        <translation>Item {n} has no text: write what the next shift should do, or remove it.</translation>
    </message>
    <message>
        <source>Handover published</source>
        <translation>Handover published</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>Draft saved</translation>
    </message>
    <message>
        <source>Draft saved (pending sync)</source>
        <translation>Draft saved (pending sync)</translation>
    </message>
    <message>
        <source>Nothing to hand over: add an item or a summary.</source>
        <translation>Nothing to hand over: add an item or a summary.</translation>
    </message>
    <message>
        <source>Could not save locally: {error}</source>
        <translation>Could not save locally: {error}</translation>
    </message>
    <message>
        <source>Could not read handovers from the local cache: {error}</source>
        <translation>Could not read handovers from the local cache: {error}</translation>
    </message>
    <message>
        <source>Handovers received</source>
        <translation>Handovers received</translation>
    </message>
    <message>
        <source>Items to handle</source>
        <translation>Items to handle</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>Mark &amp;done</translation>
    </message>
    <message>
        <source>Read (&amp;acknowledge)</source>
        <translation>Read (&amp;acknowledge)</translation>
    </message>
    <message>
        <source>{author} · {from_shift} → {to_shift}
{time} · {open} open{read}</source>
        <translation>{author} · {from_shift} → {to_shift}
{time} · {open} open{read}</translation>
    </message>
    <message>
        <source>read</source>
        <translation>read</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>unread</translation>
    </message>
    <message>
        <source>No handover addressed to your shift.</source>
        <translation>No handover addressed to your shift.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{author}&lt;/b&gt; handed over {from_shift} → {to_shift} on {day}, published {time}</source>
        <translation>&lt;b&gt;{author}&lt;/b&gt; handed over {from_shift} → {to_shift} on {day}, published {time}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>(no longer exists)</source>
        <translation>(no longer exists)</translation>
    </message>
    <message>
        <source>Read ✔</source>
        <translation>Read ✔</translation>
    </message>
    <message>
        <source>Nobody has read it yet.</source>
        <translation>Nobody has read it yet.</translation>
    </message>
    <message>
        <source>Read by: {who}</source>
        <translation>Read by: {who}</translation>
    </message>
    <message>
        <source>Item marked done</source>
        <translation>Item marked done</translation>
    </message>
    <message>
        <source>Item open again</source>
        <translation>Item open again</translation>
    </message>
    <message>
        <source>Handover acknowledged</source>
        <translation>Handover acknowledged</translation>
    </message>
    <message>
        <source>Handovers sent</source>
        <translation>Handovers sent</translation>
    </message>
    <message>
        <source>read by {n}</source>
        <translation>read by {n}</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>not read yet</translation>
    </message>
    <message>
        <source>{author} · {from_shift} → {to_shift} · {time}
{state}</source>
        <translation>{author} · {from_shift} → {to_shift} · {time}
{state}</translation>
    </message>
    <message>
        <source>No published handovers yet.</source>
        <translation>No published handovers yet.</translation>
    </message>
    <message>
        <source>{from_shift} → {to_shift}, {day} · published {time}{pending}</source>
        <translation>{from_shift} → {to_shift}, {day} · published {time}{pending}</translation>
    </message>
    <message>
        <source>Items ({open} open of {n}):</source>
        <translation>Items ({open} open of {n}):</translation>
    </message>
    <message>
        <source>&amp;New shift</source>
        <translation>&amp;New shift</translation>
    </message>
    <message>
        <source>Save &amp;shift</source>
        <translation>Save &amp;shift</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Starts:</source>
        <translation>Starts:</translation>
    </message>
    <message>
        <source>Ends (00:00 = midnight; before the start = the next day):</source>
        <translation>Ends (00:00 = midnight; before the start = the next day):</translation>
    </message>
    <message>
        <source>Give the shift a name and a code (e.g. 早班, early).</source>
        <translation>Give the shift a name and a code (e.g. 早班, early).</translation>
    </message>
    <message>
        <source>Shift saved (pending sync)</source>
        <translation>Shift saved (pending sync)</translation>
    </message>
    <message>
        <source>Order {no} is not in the local cache (deleted, or not synced yet).</source>
        <translation>Order {no} is not in the local cache (deleted, or not synced yet).</translation>
    </message>
</context>
<context>
    <name>HeldDialog</name>
    <message>
        <source>Conversations of {name}({staff_id})</source>
        <translation>Conversations of {name}({staff_id})</translation>
    </message>
    <message>
        <source>Conversations this agent holds</source>
        <translation>Conversations this agent holds</translation>
    </message>
    <message>
        <source>{name} holds {n} conversation(s) (load on the dashboard: {load}/{capacity}).</source>
        <translation>{name} holds {n} conversation(s) (load on the dashboard: {load}/{capacity}).</translation>
    </message>
    <message>
        <source>{name} holds no conversations.</source>
        <translation>{name} holds no conversations.</translation>
    </message>
    <message>
        <source>&amp;Reassign to an agent…</source>
        <translation>&amp;Reassign to an agent…</translation>
    </message>
    <message>
        <source>&amp;Take over</source>
        <translation>&amp;Take over</translation>
    </message>
</context>
<context>
    <name>HeldModel</name>
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
        <source>Waited</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>Last message</translation>
    </message>
    <message>
        <source>Buyer {id}</source>
        <translation>Buyer {id}</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import phrases: preview</source>
        <translation>Import phrases: preview</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Was: {text}</source>
        <translation>Was: {text}</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>{file}{encoding}: {added} to add, {changed} to change, {skipped} skipped</source>
        <translation>{file}{encoding}: {added} to add, {changed} to change, {skipped} skipped</translation>
    </message>
    <message>
        <source>Import {n} phrases</source>
        <translation>Import {n} phrases</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Pre-sale</source>
        <translation>Pre-sale</translation>
    </message>
    <message>
        <source>Pre-sale question</source>
        <translation>Pre-sale question</translation>
    </message>
    <message>
        <source>Order change</source>
        <translation>Order change</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Shipping</translation>
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
        <source>Other</source>
        <translation>Other</translation>
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
        <source>Connected</source>
        <translation>Connected</translation>
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
        <source>Work lists</source>
        <translation>Work lists</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Click to see the changes waiting to sync</source>
        <translation>Click to see the changes waiting to sync</translation>
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
        <source>Quick &amp;phrases…</source>
        <translation>Quick &amp;phrases…</translation>
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
        <source>&amp;Language (applies after restart)</source>
        <translation>&amp;Language (applies after restart)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>&amp;Orders</translation>
    </message>
    <message>
        <source>&amp;Unpaid orders to nudge</source>
        <translation>&amp;Unpaid orders to nudge</translation>
    </message>
    <message>
        <source>&amp;Stuck parcels</source>
        <translation>&amp;Stuck parcels</translation>
    </message>
    <message>
        <source>S&amp;hift</source>
        <translation>S&amp;hift</translation>
    </message>
    <message>
        <source>Shift &amp;handover…</source>
        <translation>Shift &amp;handover…</translation>
    </message>
    <message>
        <source>&amp;Handovers for my shift</source>
        <translation>&amp;Handovers for my shift</translation>
    </message>
    <message>
        <source>Changes waiting to &amp;sync…</source>
        <translation>Changes waiting to &amp;sync…</translation>
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
        <source>S&amp;upervisor</source>
        <translation>S&amp;upervisor</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>&amp;Agent desk</source>
        <translation>&amp;Agent desk</translation>
    </message>
    <message>
        <source>Take &amp;over this conversation</source>
        <translation>Take &amp;over this conversation</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Served by {name}: take it over</source>
        <translation>Served by {name}: take it over</translation>
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
        <source>&amp;Reports…</source>
        <translation>&amp;Reports…</translation>
    </message>
    <message>
        <source>Daily and per-agent reports with charts, exported to Excel or CSV</source>
        <translation>Daily and per-agent reports with charts, exported to Excel or CSV</translation>
    </message>
    <message>
        <source>Only supervisors see the dashboard and its alerts</source>
        <translation>Only supervisors see the dashboard and its alerts</translation>
    </message>
    <message>
        <source>Quick phrases while writing a reply</source>
        <translation>Quick phrases while writing a reply</translation>
    </message>
    <message>
        <source>Insert a suggested phrase</source>
        <translation>Insert a suggested phrase</translation>
    </message>
    <message>
        <source>Offline: claiming needs a connection to the server</source>
        <translation>Offline: claiming needs a connection to the server</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
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
        <source>Send the reply</source>
        <translation>Send the reply</translation>
    </message>
    <message>
        <source>New line in the reply</source>
        <translation>New line in the reply</translation>
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
    <name>NoteEditor</name>
    <message>
        <source>No flag</source>
        <translation>No flag</translation>
    </message>
    <message>
        <source>Red flag</source>
        <translation>Red flag</translation>
    </message>
    <message>
        <source>Yellow flag</source>
        <translation>Yellow flag</translation>
    </message>
    <message>
        <source>Green flag</source>
        <translation>Green flag</translation>
    </message>
    <message>
        <source>Blue flag</source>
        <translation>Blue flag</translation>
    </message>
    <message>
        <source>Purple flag</source>
        <translation>Purple flag</translation>
    </message>
    <message>
        <source>Address change</source>
        <translation>Address change</translation>
    </message>
    <message>
        <source>Quantity change</source>
        <translation>Quantity change</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>Shipping instruction</source>
        <translation>Shipping instruction</translation>
    </message>
    <message>
        <source>After-sale</source>
        <translation>After-sale</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>No reason</source>
        <translation>No reason</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>saved</translation>
    </message>
    <message>
        <source>merged with a concurrent edit</source>
        <translation>merged with a concurrent edit</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflict</translation>
    </message>
    <message>
        <source>restored a deleted note</source>
        <translation>restored a deleted note</translation>
    </message>
    <message>
        <source>conflict resolved</source>
        <translation>conflict resolved</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>User {id}</source>
        <translation>User {id}</translation>
    </message>
    <message>
        <source>Your team now requires a reason for every note change: choose one and send it again.</source>
        <translation>Your team now requires a reason for every note change: choose one and send it again.</translation>
    </message>
    <message>
        <source>Order note — {order}</source>
        <translation>Order note — {order}</translation>
    </message>
    <message>
        <source>Conflict: two edits overlapped — both are kept until resolved</source>
        <translation>Conflict: two edits overlapped — both are kept until resolved</translation>
    </message>
    <message>
        <source>Keep &amp;both</source>
        <translation>Keep &amp;both</translation>
    </message>
    <message>
        <source>Resolve with both texts, one after the other</source>
        <translation>Resolve with both texts, one after the other</translation>
    </message>
    <message>
        <source>&amp;Edit a merge…</source>
        <translation>&amp;Edit a merge…</translation>
    </message>
    <message>
        <source>Put both texts into the editor; saving resolves the conflict</source>
        <translation>Put both texts into the editor; saving resolves the conflict</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Note text</translation>
    </message>
    <message>
        <source>The seller note, e.g. 买家要求改地址为… 已通知仓库</source>
        <translation>The seller note, e.g. 买家要求改地址为… 已通知仓库</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <source>Choose the reason…</source>
        <translation>Choose the reason…</translation>
    </message>
    <message>
        <source>Reason in your words</source>
        <translation>Reason in your words</translation>
    </message>
    <message>
        <source>Details (optional)</source>
        <translation>Details (optional)</translation>
    </message>
    <message>
        <source>As the platform shows it:</source>
        <translation>As the platform shows it:</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>&amp;Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Delete note</source>
        <translation>&amp;Delete note</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Revert</translation>
    </message>
    <message>
        <source>Show the note as it is now and drop what you typed</source>
        <translation>Show the note as it is now and drop what you typed</translation>
    </message>
    <message>
        <source>History (newest first)</source>
        <translation>History (newest first)</translation>
    </message>
    <message>
        <source>Note history</source>
        <translation>Note history</translation>
    </message>
    <message>
        <source>Could not read the note from the local cache: {error}</source>
        <translation>Could not read the note from the local cache: {error}</translation>
    </message>
    <message>
        <source>No note yet</source>
        <translation>No note yet</translation>
    </message>
    <message>
        <source>{flag} · last changed by {who} at {time}</source>
        <translation>{flag} · last changed by {who} at {time}</translation>
    </message>
    <message>
        <source>Pending sync: your change is saved here and will be sent</source>
        <translation>Pending sync: your change is saved here and will be sent</translation>
    </message>
    <message>
        <source>Deleted — saving an edit restores it</source>
        <translation>Deleted — saving an edit restores it</translation>
    </message>
    <message>
        <source>Restored: an edit was made against a deletion</source>
        <translation>Restored: an edit was made against a deletion</translation>
    </message>
    <message>
        <source>{who} wrote ({flag}):</source>
        <translation>{who} wrote ({flag}):</translation>
    </message>
    <message>
        <source>Keep this one</source>
        <translation>Keep this one</translation>
    </message>
    <message>
        <source>No changes yet.</source>
        <translation>No changes yet.</translation>
    </message>
    <message>
        <source>Older changes are not shown.</source>
        <translation>Older changes are not shown.</translation>
    </message>
    <message>
        <source>Pending sync</source>
        <translation>Pending sync</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Deleted the note</source>
        <translation>Deleted the note</translation>
    </message>
    <message>
        <source>Resolved the conflict:</source>
        <translation>Resolved the conflict:</translation>
    </message>
    <message>
        <source>Flag {old} → {new}</source>
        <translation>Flag {old} → {new}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Written: {text}</source>
        <translation>Written: {text}</translation>
    </message>
    <message>
        <source>Reason: {error}</source>
        <translation>Reason: {error}</translation>
    </message>
    <message>
        <source>resent as a new change</source>
        <translation>resent as a new change</translation>
    </message>
    <message>
        <source>Fix and resend</source>
        <translation>Fix and resend</translation>
    </message>
    <message>
        <source>Recorded automatically: {name}({staff_id}), at the time you save</source>
        <translation>Recorded automatically: {name}({staff_id}), at the time you save</translation>
    </message>
    <message>
        <source>(no note)</source>
        <translation>(no note)</translation>
    </message>
    <message>
        <source>{n} characters: the limit is {max}</source>
        <translation>{n} characters: the limit is {max}</translation>
    </message>
    <message>
        <source>{used} / {max} bytes — over the platform's limit, it will cut the note</source>
        <translation>{used} / {max} bytes — over the platform's limit, it will cut the note</translation>
    </message>
    <message>
        <source>{used} / {max} bytes — close to the platform's limit</source>
        <translation>{used} / {max} bytes — close to the platform's limit</translation>
    </message>
    <message>
        <source>{used} / {max} bytes</source>
        <translation>{used} / {max} bytes</translation>
    </message>
    <message>
        <source>Reaso&amp;n (required):</source>
        <translation>Reaso&amp;n (required):</translation>
    </message>
    <message>
        <source>Your team requires a reason for every note change</source>
        <translation>Your team requires a reason for every note change</translation>
    </message>
    <message>
        <source>Reaso&amp;n (optional):</source>
        <translation>Reaso&amp;n (optional):</translation>
    </message>
    <message>
        <source>Your team does not require a reason for note changes</source>
        <translation>Your team does not require a reason for note changes</translation>
    </message>
    <message>
        <source>Type the reason (required for Other)</source>
        <translation>Type the reason (required for Other)</translation>
    </message>
    <message>
        <source>Choose the reason for the change: your team requires one for every note change.</source>
        <translation>Choose the reason for the change: your team requires one for every note change.</translation>
    </message>
    <message>
        <source>Choose the reason for the change.</source>
        <translation>Choose the reason for the change.</translation>
    </message>
    <message>
        <source>Type the reason for the change (Other needs a reason).</source>
        <translation>Type the reason for the change (Other needs a reason).</translation>
    </message>
    <message>
        <source>The note has {n} characters; the limit is {max}. Shorten it — your text stays here.</source>
        <translation>The note has {n} characters; the limit is {max}. Shorten it — your text stays here.</translation>
    </message>
    <message>
        <source>Note saved</source>
        <translation>Note saved</translation>
    </message>
    <message>
        <source>Note deleted</source>
        <translation>Note deleted</translation>
    </message>
    <message>
        <source>Could not save the change locally: {error}</source>
        <translation>Could not save the change locally: {error}</translation>
    </message>
    <message>
        <source>The note has {length} characters; the limit is {limit}. Shorten it — your text stays here.</source>
        <translation>The note has {length} characters; the limit is {limit}. Shorten it — your text stays here.</translation>
    </message>
    <message>
        <source>The reason is {length} characters long; at most {limit} are allowed.</source>
        <translation>The reason is {length} characters long; at most {limit} are allowed.</translation>
    </message>
    <message>
        <source>Unknown flag.</source>
        <translation>Unknown flag.</translation>
    </message>
    <message>
        <source>This order belongs to a shop you do not work in: you cannot change its note.</source>
        <translation>This order belongs to a shop you do not work in: you cannot change its note.</translation>
    </message>
    <message>
        <source>This order is not among the orders of your shops in the local cache.</source>
        <translation>This order is not among the orders of your shops in the local cache.</translation>
    </message>
    <message>
        <source>Nobody is logged in on this cache: log in again.</source>
        <translation>Nobody is logged in on this cache: log in again.</translation>
    </message>
    <message>
        <source>Edit the merged note, then save (Ctrl+Enter) to resolve the conflict</source>
        <translation>Edit the merged note, then save (Ctrl+Enter) to resolve the conflict</translation>
    </message>
    <message>
        <source>Both texts together have {n} characters; the limit is {max}. Use "Edit a merge".</source>
        <translation>Both texts together have {n} characters; the limit is {max}. Use "Edit a merge".</translation>
    </message>
    <message>
        <source>Conflict resolved</source>
        <translation>Conflict resolved</translation>
    </message>
    <message>
        <source>Rejected: {error} Fix it and save to send it again.</source>
        <translation>Rejected: {error} Fix it and save to send it again.</translation>
    </message>
    <message>
        <source>Note: {text}</source>
        <translation>Note: {text}</translation>
    </message>
    <message>
        <source>note conflict</source>
        <translation>note conflict</translation>
    </message>
    <message>
        <source>pending sync</source>
        <translation>pending sync</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <source>Written</source>
        <translation>Written</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>resent as a new change</source>
        <translation>resent as a new change</translation>
    </message>
    <message>
        <source>(tried {n}×)</source>
        <translation>(tried {n}×)</translation>
    </message>
    <message>
        <source>{reason}
(service: {message})</source>
        <translation>{reason}
(service: {message})</translation>
    </message>
</context>
<context>
    <name>PendingView</name>
    <message>
        <source>Order note</source>
        <translation>Order note</translation>
    </message>
    <message>
        <source>Order note deleted</source>
        <translation>Order note deleted</translation>
    </message>
    <message>
        <source>Note conflict resolved</source>
        <translation>Note conflict resolved</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Handover draft</source>
        <translation>Handover draft</translation>
    </message>
    <message>
        <source>Handover published</source>
        <translation>Handover published</translation>
    </message>
    <message>
        <source>Handover read</source>
        <translation>Handover read</translation>
    </message>
    <message>
        <source>Handover item</source>
        <translation>Handover item</translation>
    </message>
    <message>
        <source>Quick phrase</source>
        <translation>Quick phrase</translation>
    </message>
    <message>
        <source>Quick phrase deleted</source>
        <translation>Quick phrase deleted</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>Changes waiting to sync</source>
        <translation>Changes waiting to sync</translation>
    </message>
    <message>
        <source>&amp;Fix and resend…</source>
        <translation>&amp;Fix and resend…</translation>
    </message>
    <message>
        <source>&amp;Resend as it is</source>
        <translation>&amp;Resend as it is</translation>
    </message>
    <message>
        <source>For a change refused for a reason that no longer holds</source>
        <translation>For a change refused for a reason that no longer holds</translation>
    </message>
    <message>
        <source>Try to &amp;sync now</source>
        <translation>Try to &amp;sync now</translation>
    </message>
    <message>
        <source>Everything you wrote is on the server.</source>
        <translation>Everything you wrote is on the server.</translation>
    </message>
    <message>
        <source>{n} changes wait to be sent; they are saved on this computer.</source>
        <translation>{n} changes wait to be sent; they are saved on this computer.</translation>
    </message>
    <message>
        <source>{n} were rejected by the server: open one to fix and resend it.</source>
        <translation>{n} were rejected by the server: open one to fix and resend it.</translation>
    </message>
    <message>
        <source>Could not read the pending changes: {error}</source>
        <translation>Could not read the pending changes: {error}</translation>
    </message>
    <message>
        <source>Sent again as a new change</source>
        <translation>Sent again as a new change</translation>
    </message>
    <message>
        <source>Cannot resend: {error}</source>
        <translation>Cannot resend: {error}</translation>
    </message>
    <message>
        <source>Could not save locally: {error}</source>
        <translation>Could not save locally: {error}</translation>
    </message>
    <message>
        <source>Trying to reach the server…</source>
        <translation>Trying to reach the server…</translation>
    </message>
</context>
<context>
    <name>PhraseAssist</name>
    <message>
        <source>No value for this variable in this conversation: replace it before sending</source>
        <translation>No value for this variable in this conversation: replace it before sending</translation>
    </message>
    <message>
        <source>Loading phrases…</source>
        <translation>Loading phrases…</translation>
    </message>
    <message>
        <source>No phrase matches</source>
        <translation>No phrase matches</translation>
    </message>
    <message>
        <source>No value here for: {names}</source>
        <translation>No value here for: {names}</translation>
    </message>
</context>
<context>
    <name>PhraseManager</name>
    <message>
        <source>Code already used on line {detail} of the file</source>
        <translation>Code already used on line {detail} of the file</translation>
    </message>
    <message>
        <source>No text</source>
        <translation>No text</translation>
    </message>
    <message>
        <source>Unknown variables: {detail}</source>
        <translation>Unknown variables: {detail}</translation>
    </message>
    <message>
        <source>Text too long ({detail} characters)</source>
        <translation>Text too long ({detail} characters)</translation>
    </message>
    <message>
        <source>Code too long</source>
        <translation>Code too long</translation>
    </message>
    <message>
        <source>Group name too long</source>
        <translation>Group name too long</translation>
    </message>
    <message>
        <source>Already there, unchanged</source>
        <translation>Already there, unchanged</translation>
    </message>
    <message>
        <source>The file could not be read: {detail}</source>
        <translation>The file could not be read: {detail}</translation>
    </message>
    <message>
        <source>The file is too large to be a phrase list.</source>
        <translation>The file is too large to be a phrase list.</translation>
    </message>
    <message>
        <source>Only Excel (.xlsx) and CSV files can be imported.</source>
        <translation>Only Excel (.xlsx) and CSV files can be imported.</translation>
    </message>
    <message>
        <source>This is not a readable Excel (.xlsx) file. Save it again from Excel and retry.</source>
        <translation>This is not a readable Excel (.xlsx) file. Save it again from Excel and retry.</translation>
    </message>
    <message>
        <source>The text encoding of this CSV file is not recognised (expected UTF-8 or GBK).</source>
        <translation>The text encoding of this CSV file is not recognised (expected UTF-8 or GBK).</translation>
    </message>
    <message>
        <source>No column for the phrase text. The first row must name the columns: 分组, 快捷编码, 内容 (or group, code, text). Found: {detail}</source>
        <translation>No column for the phrase text. The first row must name the columns: 分组, 快捷编码, 内容 (or group, code, text). Found: {detail}</translation>
    </message>
    <message>
        <source>The file holds no phrases.</source>
        <translation>The file holds no phrases.</translation>
    </message>
    <message>
        <source>The file has more than {detail} rows.</source>
        <translation>The file has more than {detail} rows.</translation>
    </message>
    <message>
        <source>(No group)</source>
        <translation>(No group)</translation>
    </message>
    <message>
        <source>(not synced yet)</source>
        <translation>(not synced yet)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Quick phrases</source>
        <translation>Quick phrases</translation>
    </message>
    <message>
        <source>Phrase library</source>
        <translation>Phrase library</translation>
    </message>
    <message>
        <source>Team phrases are kept by supervisors: read only.</source>
        <translation>Team phrases are kept by supervisors: read only.</translation>
    </message>
    <message>
        <source>Phrase groups</source>
        <translation>Phrase groups</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>New group…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>Phrases</source>
        <translation>Phrases</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>Phrases (drag or Alt+↑/↓ to reorder)</source>
        <translation>Phrases (drag or Alt+↑/↓ to reorder)</translation>
    </message>
    <message>
        <source>e.g. dz (typed as /dz)</source>
        <translation>e.g. dz (typed as /dz)</translation>
    </message>
    <message>
        <source>Text; variables such as {买家昵称} or {订单号} are filled in</source>
        <translation>Text; variables such as {买家昵称} or {订单号} are filled in</translation>
    </message>
    <message>
        <source>Variables: {names}</source>
        <translation>Variables: {names}</translation>
    </message>
    <message>
        <source>New phrase</source>
        <translation>New phrase</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Phrases of</source>
        <translation>Phrases of</translation>
    </message>
    <message>
        <source>Could not complete: {error}</source>
        <translation>Could not complete: {error}</translation>
    </message>
    <message>
        <source>My phrases</source>
        <translation>My phrases</translation>
    </message>
    <message>
        <source>Team: {shop}</source>
        <translation>Team: {shop}</translation>
    </message>
    <message>
        <source>The text is empty.</source>
        <translation>The text is empty.</translation>
    </message>
    <message>
        <source>The text is too long: {n} characters (at most {max}).</source>
        <translation>The text is too long: {n} characters (at most {max}).</translation>
    </message>
    <message>
        <source>Unknown variables: {names}. Known: {known}</source>
        <translation>Unknown variables: {names}. Known: {known}</translation>
    </message>
    <message>
        <source>The code is too long (at most {max} characters).</source>
        <translation>The code is too long (at most {max} characters).</translation>
    </message>
    <message>
        <source>The code cannot contain spaces.</source>
        <translation>The code cannot contain spaces.</translation>
    </message>
    <message>
        <source>The code /{code} is already used by: {text}</source>
        <translation>The code /{code} is already used by: {text}</translation>
    </message>
    <message>
        <source>The group name is too long (at most {max} characters).</source>
        <translation>The group name is too long (at most {max} characters).</translation>
    </message>
    <message>
        <source>Open a conversation to see them filled in.</source>
        <translation>Open a conversation to see them filled in.</translation>
    </message>
    <message>
        <source>No value here for: {names}. {what}</source>
        <translation>No value here for: {names}. {what}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Delete phrase</source>
        <translation>Delete phrase</translation>
    </message>
    <message>
        <source>Delete this phrase?

{text}</source>
        <translation>Delete this phrase?

{text}</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Deleted.</translation>
    </message>
    <message>
        <source>Group renamed: {old} → {new}</source>
        <translation>Group renamed: {old} → {new}</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>New group</translation>
    </message>
    <message>
        <source>Name of the new group:</source>
        <translation>Name of the new group:</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>Rename group</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>Import phrases</source>
        <translation>Import phrases</translation>
    </message>
    <message>
        <source>Phrase lists (*.xlsx *.csv);;All files (*)</source>
        <translation>Phrase lists (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Reading {file}…</translation>
    </message>
    <message>
        <source>Imported: {added} added, {changed} changed, {skipped} skipped.</source>
        <translation>Imported: {added} added, {changed} changed, {skipped} skipped.</translation>
    </message>
    <message>
        <source>Export phrases</source>
        <translation>Export phrases</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported {n} phrases to {file}.</source>
        <translation>Exported {n} phrases to {file}.</translation>
    </message>
    <message>
        <source>Could not export to {file}: {error}</source>
        <translation>Could not export to {file}: {error}</translation>
    </message>
</context>
<context>
    <name>PhrasePopup</name>
    <message>
        <source>Matching quick phrases</source>
        <translation>Matching quick phrases</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter/Tab insert · Esc close</source>
        <translation>↑↓ choose · Enter/Tab insert · Esc close</translation>
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
        <source>Search the queue</source>
        <translation>Search the queue</translation>
    </message>
    <message>
        <source>Search buyer, shop, message, agent</source>
        <translation>Search buyer, shop, message, agent</translation>
    </message>
    <message>
        <source>Filter the queue (Ctrl+F)</source>
        <translation>Filter the queue (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter by shop</source>
        <translation>Filter by shop</translation>
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
        <source>Filter by group</source>
        <translation>Filter by group</translation>
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
        <source>Filter by status</source>
        <translation>Filter by status</translation>
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
        <source>Conversations</source>
        <translation>Conversations</translation>
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
    <name>QueuesModel</name>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <source>Avg wait (1 h)</source>
        <translation>Avg wait (1 h)</translation>
    </message>
    <message>
        <source>SLA breaches (1 h)</source>
        <translation>SLA breaches (1 h)</translation>
    </message>
    <message>
        <source>Handled today</source>
        <translation>Handled today</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>⚠ Over SLA ({limit})</source>
        <translation>⚠ Over SLA ({limit})</translation>
    </message>
    <message>
        <source>Within SLA ({limit})</source>
        <translation>Within SLA ({limit})</translation>
    </message>
</context>
<context>
    <name>Rejection</name>
    <message>
        <source>Your team now requires a reason for every note change: choose one and send it again.</source>
        <translation>Your team now requires a reason for every note change: choose one and send it again.</translation>
    </message>
    <message>
        <source>The reason “Other” needs a typed reason: add one and send it again.</source>
        <translation>The reason “Other” needs a typed reason: add one and send it again.</translation>
    </message>
    <message>
        <source>A published handover cannot be changed any more.</source>
        <translation>A published handover cannot be changed any more.</translation>
    </message>
    <message>
        <source>Someone changed it meanwhile.</source>
        <translation>Someone changed it meanwhile.</translation>
    </message>
    <message>
        <source>The order no longer exists, so the note was not applied. Its content is kept here: move it to the right order and send it again.</source>
        <translation>The order no longer exists, so the note was not applied. Its content is kept here: move it to the right order and send it again.</translation>
    </message>
    <message>
        <source>The order belongs to a shop you do not work in.</source>
        <translation>The order belongs to a shop you do not work in.</translation>
    </message>
    <message>
        <source>The service did not accept this note as written.</source>
        <translation>The service did not accept this note as written.</translation>
    </message>
    <message>
        <source>The phrase uses variables that do not exist: {names}.</source>
        <translation>The phrase uses variables that do not exist: {names}.</translation>
    </message>
    <message>
        <source>You may not change this quick phrase: team phrases are kept by the shop's supervisors, personal ones by their owner.</source>
        <translation>You may not change this quick phrase: team phrases are kept by the shop's supervisors, personal ones by their owner.</translation>
    </message>
    <message>
        <source>The service did not accept this quick phrase as written.</source>
        <translation>The service did not accept this quick phrase as written.</translation>
    </message>
    <message>
        <source>Shifts are set by the shop's supervisors.</source>
        <translation>Shifts are set by the shop's supervisors.</translation>
    </message>
    <message>
        <source>The shift was not accepted (its code may already be used in the shop).</source>
        <translation>The shift was not accepted (its code may already be used in the shop).</translation>
    </message>
    <message>
        <source>You may not change this handover (it is someone else's, or for a shop you do not work in).</source>
        <translation>You may not change this handover (it is someone else's, or for a shop you do not work in).</translation>
    </message>
    <message>
        <source>The handover or its item no longer exists.</source>
        <translation>The handover or its item no longer exists.</translation>
    </message>
    <message>
        <source>The service did not accept this handover as written.</source>
        <translation>The service did not accept this handover as written.</translation>
    </message>
    <message>
        <source>You are not allowed to make this change.</source>
        <translation>You are not allowed to make this change.</translation>
    </message>
    <message>
        <source>What this change is about no longer exists.</source>
        <translation>What this change is about no longer exists.</translation>
    </message>
    <message>
        <source>The service did not accept this change as written.</source>
        <translation>The service did not accept this change as written.</translation>
    </message>
    <message>
        <source>Rejected by the service.</source>
        <translation>Rejected by the service.</translation>
    </message>
</context>
<context>
    <name>ReportWindow</name>
    <message>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Date range</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Custom range</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Range:</translation>
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
        <source>Pre-sale</source>
        <translation>Pre-sale</translation>
    </message>
    <message>
        <source>After-sale</source>
        <translation>After-sale</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>All agents</translation>
    </message>
    <message>
        <source>Group rows by</source>
        <translation>Group rows by</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>By day</translation>
    </message>
    <message>
        <source>By agent</source>
        <translation>By agent</translation>
    </message>
    <message>
        <source>By shop</source>
        <translation>By shop</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Refresh the report</source>
        <translation>Refresh the report</translation>
    </message>
    <message>
        <source>Ask the service again (F5)</source>
        <translation>Ask the service again (F5)</translation>
    </message>
    <message>
        <source>Export &amp;Excel…</source>
        <translation>Export &amp;Excel…</translation>
    </message>
    <message>
        <source>Export the table to Excel</source>
        <translation>Export the table to Excel</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Export &amp;CSV…</translation>
    </message>
    <message>
        <source>Export the table to CSV</source>
        <translation>Export the table to CSV</translation>
    </message>
    <message>
        <source>S&amp;hop:</source>
        <translation>S&amp;hop:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <source>A&amp;gent:</source>
        <translation>A&amp;gent:</translation>
    </message>
    <message>
        <source>Rows &amp;by:</source>
        <translation>Rows &amp;by:</translation>
    </message>
    <message>
        <source>Report status</source>
        <translation>Report status</translation>
    </message>
    <message>
        <source>Report chart</source>
        <translation>Report chart</translation>
    </message>
    <message>
        <source>Nothing to show for this range yet.</source>
        <translation>Nothing to show for this range yet.</translation>
    </message>
    <message>
        <source>Report table</source>
        <translation>Report table</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The last day is before the first one.</source>
        <translation>The last day is before the first one.</translation>
    </message>
    <message>
        <source>A report covers at most {n} days.</source>
        <translation>A report covers at most {n} days.</translation>
    </message>
    <message>
        <source>Loading the report…</source>
        <translation>Loading the report…</translation>
    </message>
    <message>
        <source>{first} – {last}, days in {zone}; computed by the service at {time}.</source>
        <translation>{first} – {last}, days in {zone}; computed by the service at {time}.</translation>
    </message>
    <message>
        <source>Reports need the service, which cannot be reached now. What is shown stays here and can still be exported; try again when the connection is back.</source>
        <translation>Reports need the service, which cannot be reached now. What is shown stays here and can still be exported; try again when the connection is back.</translation>
    </message>
    <message>
        <source>Only supervisors and admins can read reports for these shops.</source>
        <translation>Only supervisors and admins can read reports for these shops.</translation>
    </message>
    <message>
        <source>The service refused this range: {error}</source>
        <translation>The service refused this range: {error}</translation>
    </message>
    <message>
        <source>The report could not be loaded: {error}</source>
        <translation>The report could not be loaded: {error}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>First response (s)</source>
        <translation>First response (s)</translation>
    </message>
    <message>
        <source>Avg response (s)</source>
        <translation>Avg response (s)</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Inquiry conversion (%)</source>
        <translation>Inquiry conversion (%)</translation>
    </message>
    <message>
        <source>Complaint rate (%)</source>
        <translation>Complaint rate (%)</translation>
    </message>
    <message>
        <source>(not taken)</source>
        <translation>(not taken)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>Avg response</source>
        <translation>Avg response</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Seconds</translation>
    </message>
    <message>
        <source>report_{first}_{last}</source>
        <translation>report_{first}_{last}</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV, UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Export the report</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exported to {path}.</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Could not write {path}: {error}</translation>
    </message>
</context>
<context>
    <name>RoutingDialog</name>
    <message>
        <source>Capacity and groups: {name}</source>
        <translation>Capacity and groups: {name}</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>Capacity (conversations at once)</source>
        <translation>Capacity (conversations at once)</translation>
    </message>
    <message>
        <source>Skill groups</source>
        <translation>Skill groups</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Keyboard</translation>
    </message>
    <message>
        <source>Queue and orders</source>
        <translation>Queue and orders</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Server address (used at the next login)</source>
        <translation>Server address (used at the next login)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Language (applies after restart)</source>
        <translation>Language (applies after restart)</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>{n} px</source>
        <translation>{n} px</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>A conversation starts waiting in my groups</source>
        <translation>A conversation starts waiting in my groups</translation>
    </message>
    <message>
        <source>A buyer replies in my conversation when it is not on screen</source>
        <translation>A buyer replies in my conversation when it is not on screen</translation>
    </message>
    <message>
        <source>A wait passes the red threshold</source>
        <translation>A wait passes the red threshold</translation>
    </message>
    <message>
        <source>A handover is left for my shift</source>
        <translation>A handover is left for my shift</translation>
    </message>
    <message>
        <source>Supervisor alerts (supervisors only)</source>
        <translation>Supervisor alerts (supervisors only)</translation>
    </message>
    <message>
        <source>Play a sound with notifications</source>
        <translation>Play a sound with notifications</translation>
    </message>
    <message>
        <source>Do not disturb (no notifications, no sound)</source>
        <translation>Do not disturb (no notifications, no sound)</translation>
    </message>
    <message>
        <source>Enter sends; Ctrl+Enter or Shift+Enter: new line</source>
        <translation>Enter sends; Ctrl+Enter or Shift+Enter: new line</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends; Enter: new line</source>
        <translation>Ctrl+Enter sends; Enter: new line</translation>
    </message>
    <message>
        <source>Sending replies</source>
        <translation>Sending replies</translation>
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
        <source>{group}: amber after</source>
        <translation>{group}: amber after</translation>
    </message>
    <message>
        <source>{group}: red after</source>
        <translation>{group}: red after</translation>
    </message>
    <message>
        <source>Qianniu turns a waiting chat red at 100 seconds.</source>
        <translation>Qianniu turns a waiting chat red at 100 seconds.</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Nudge unpaid orders after</source>
        <translation>Nudge unpaid orders after</translation>
    </message>
    <message>
        <source>Stop nudging after</source>
        <translation>Stop nudging after</translation>
    </message>
    <message>
        <source>Parcel stuck without an update for</source>
        <translation>Parcel stuck without an update for</translation>
    </message>
    <message>
        <source>The server address must start with http:// or https:// and name a host, for example http://10.0.0.5:8470.</source>
        <translation>The server address must start with http:// or https:// and name a host, for example http://10.0.0.5:8470.</translation>
    </message>
    <message>
        <source>A shortcut is used twice: give one of them other keys.</source>
        <translation>A shortcut is used twice: give one of them other keys.</translation>
    </message>
</context>
<context>
    <name>ShortcutEditor</name>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>New shortcut for the selected action</source>
        <translation>New shortcut for the selected action</translation>
    </message>
    <message>
        <source>No shortcut</source>
        <translation>No shortcut</translation>
    </message>
    <message>
        <source>Reset all to defaults</source>
        <translation>Reset all to defaults</translation>
    </message>
    <message>
        <source>Press the new keys:</source>
        <translation>Press the new keys:</translation>
    </message>
    <message>
        <source>Used twice: {list}</source>
        <translation>Used twice: {list}</translation>
    </message>
</context>
<context>
    <name>StatusControl</name>
    <message>
        <source>My status</source>
        <translation>My status</translation>
    </message>
    <message>
        <source>My &amp;status</source>
        <translation>My &amp;status</translation>
    </message>
    <message>
        <source>Change my &amp;status…</source>
        <translation>Change my &amp;status…</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <source>Busy (no new conversations)</source>
        <translation>Busy (no new conversations)</translation>
    </message>
    <message>
        <source>Appear offline</source>
        <translation>Appear offline</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>{status} (no input)</source>
        <translation>{status} (no input)</translation>
    </message>
    <message>
        <source>{status} · not sent</source>
        <translation>{status} · not sent</translation>
    </message>
    <message>
        <source>My status: {status}. Click or press Ctrl+Shift+O to change it.</source>
        <translation>My status: {status}. Click or press Ctrl+Shift+O to change it.</translation>
    </message>
    <message>
        <source>Set to away after a while without input; back on the next input.</source>
        <translation>Set to away after a while without input; back on the next input.</translation>
    </message>
    <message>
        <source>Not sent yet: the service cannot be reached. It is sent again when the connection comes back.</source>
        <translation>Not sent yet: the service cannot be reached. It is sent again when the connection comes back.</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Suggested phrases</source>
        <translation>Suggested phrases</translation>
    </message>
    <message>
        <source>No phrase fits the buyer's latest message</source>
        <translation>No phrase fits the buyer's latest message</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>New messages below</source>
        <translation>New messages below</translation>
    </message>
    <message>
        <source>({n} characters in all: double-click to read everything)</source>
        <translation>({n} characters in all: double-click to read everything)</translation>
    </message>
    <message>
        <source>Conversation thread</source>
        <translation>Conversation thread</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer conversation</source>
        <translation>Transfer conversation</translation>
    </message>
    <message>
        <source>To a &amp;colleague</source>
        <translation>To a &amp;colleague</translation>
    </message>
    <message>
        <source>Back to a &amp;group's queue</source>
        <translation>Back to a &amp;group's queue</translation>
    </message>
    <message>
        <source>No colleague of this shop in the local cache.</source>
        <translation>No colleague of this shop in the local cache.</translation>
    </message>
    <message>
        <source>&amp;Note for the receiver (why):</source>
        <translation>&amp;Note for the receiver (why):</translation>
    </message>
    <message>
        <source>Choose a colleague or a group.</source>
        <translation>Choose a colleague or a group.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Show Workstation</source>
        <translation>Show Workstation</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>Do not disturb</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>{count} conversation(s) waiting for your answer</source>
        <translation>{count} conversation(s) waiting for your answer</translation>
    </message>
    <message>
        <source>New conversation: {buyer} ({shop})</source>
        <translation>New conversation: {buyer} ({shop})</translation>
    </message>
    <message>
        <source>{buyer} replied ({shop})</source>
        <translation>{buyer} replied ({shop})</translation>
    </message>
    <message>
        <source>Handover for your shift</source>
        <translation>Handover for your shift</translation>
    </message>
    <message>
        <source>Supervisor alert</source>
        <translation>Supervisor alert</translation>
    </message>
    <message>
        <source>{buyer} has waited {seconds} s ({shop})</source>
        <translation>{buyer} has waited {seconds} s ({shop})</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
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
        <source>Waited</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>Last message</translation>
    </message>
    <message>
        <source>Buyer {id}</source>
        <translation>Buyer {id}</translation>
    </message>
    <message>
        <source>{wait} ⚠ over SLA</source>
        <translation>{wait} ⚠ over SLA</translation>
    </message>
</context>
<context>
    <name>WorkListModel</name>
    <message>
        <source>Order</source>
        <translation>Order</translation>
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
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Unpaid for</source>
        <translation>Unpaid for</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No update for</source>
        <translation>No update for</translation>
    </message>
</context>
<context>
    <name>WorkLists</name>
    <message>
        <source>Unpaid orders to nudge ({n})</source>
        <translation>Unpaid orders to nudge ({n})</translation>
    </message>
    <message>
        <source>Stuck parcels ({n})</source>
        <translation>Stuck parcels ({n})</translation>
    </message>
    <message>
        <source>Unpaid between {min} and {max}; parcels without an update for {stuck} or longer. Enter opens the buyer and the order.</source>
        <translation>Unpaid between {min} and {max}; parcels without an update for {stuck} or longer. Enter opens the buyer and the order.</translation>
    </message>
    <message>
        <source>Could not read the lists from the local cache: {error}</source>
        <translation>Could not read the lists from the local cache: {error}</translation>
    </message>
</context>
<context>
    <name>_NoteDialog</name>
    <message>
        <source>The note has {n} characters; at most {max} are allowed.</source>
        <translation>The note has {n} characters; at most {max} are allowed.</translation>
    </message>
    <message>
        <source>{n} / {max} characters</source>
        <translation>{n} / {max} characters</translation>
    </message>
</context>
</TS>