/**
 * 简体中文 catalogue. Typed as `Catalogue`, so it has exactly the keys of the English one.
 * Chinese has a single plural category ("other"); the `one` forms exist only to keep the
 * shape identical and read the same as `other`.
 */
import type { Catalogue } from './catalogue-en';

export const catalogueZhCn: Catalogue = {
  messages: {
    'app.name': '文件上传',
    'app.tagline': '文件直接存入私有云存储，到达后逐一校验。',

    'settings.label': '显示设置',
    'settings.language': '语言',
    'settings.theme': '主题',
    'theme.system': '跟随设备',
    'theme.light': '浅色',
    'theme.dark': '深色',

    'landing.title': '通过上传链接发送文件',
    'landing.body':
      '此页面为与您分享上传链接的人接收文件。要发送文件，请打开您收到的链接，它的样子类似 {example}',
    'landing.stepsTitle': '使用方法',
    'landing.step1': '打开您收到的上传链接。',
    'landing.step2': '把文件或文件夹拖放到页面上，或从设备中选择。',
    'landing.step3': '每个文件到达后都会被校验，您可以确认它完整无缺。',
    'landing.noLink': '没有链接？请让需要接收文件的人发给您一个。',

    'notFound.title': '找不到页面',
    'notFound.body': '此地址没有内容。如果您收到的是上传链接，请检查是否完整复制。',
    'notFound.home': '前往首页',

    'crash.title': '此页面出现了问题',
    'crash.body': '已上传完成的文件是安全的。请重新加载页面以继续添加文件。',
    'crash.reload': '重新加载页面',

    'config.title': '此上传页面的设置有误',
    'config.body':
      '页面无法读取其设置文件（{file}）。这是网站的问题，与您的文件无关。请告知向您发送链接的人。',
    'config.problem.unreachable': '无法加载设置文件（{detail}）。',
    'config.problem.status': '服务器对设置文件返回了状态码 {status}。',
    'config.problem.notJson': '设置文件不是有效的 JSON。',
    'config.problem.invalid': '设置文件中有页面无法使用的值：',
    'config.reload': '重新加载',

    'link.loading': '正在打开上传链接…',
    'link.loadFailed': '无法打开上传链接',
    'link.retry': '重试',
    'link.retrying': '正在重试…',
    'link.limitsTitle': '可以发送的内容',
    'link.limits.files': { one: '最多 {count} 个文件', other: '最多 {count} 个文件' },
    'link.limits.fileSize': '每个不超过 {size}',
    'link.limits.totalSize': '总计不超过 {size}',
    'link.limits.types': '仅限{types}',
    'link.limits.none': '任何文件，不超过存储上限即可',
    'link.type.image': '图片',
    'link.type.video': '视频',
    'link.type.audio': '音频',
    'link.type.text': '文本文件',
    'link.type.pdf': 'PDF',
    'link.usage': '已收到：{files}，{size}',
    'link.expiresIn': '链接有效期还剩 {duration}',
    'link.expiresAt': '截至 {date}',
    'link.noExpiry': '此链接长期有效。',
    'link.expired': '此链接已过期。已到达的文件是安全的，但无法再添加新文件。',
    'link.embeddedVia': '{origin} 的安全上传页面',
    'embed.checking': '正在连接此网站…',
    'embed.blocked.title': '此上传表单不能在这个网站上显示',
    'embed.blocked.body':
      '上传链接的所有者未允许在此处嵌入它。请向发送链接的人索取可直接在浏览器中打开的链接。',

    'count.files': { one: '{count} 个文件', other: '{count} 个文件' },
    'list.separator': '，',

    'dropzone.label': '拖放文件到此处，或选择文件上传',
    'dropzone.prompt': '将文件或文件夹拖放到这里',
    'dropzone.or': '或',
    'dropzone.choose': '选择文件',
    'dropzone.active': '松开即可添加这些文件',
    'dropzone.hint': '按回车键或空格键选择文件，也可以在此页面的任意位置粘贴文件。',
    'dropzone.disabled': '此链接已过期，无法再添加新文件。',
    'dropzone.inputLabel': '要上传的文件',
    'dropzone.reading': '正在读取文件…',
    'dropzone.chooseFolder': '选择文件夹',
    'dropzone.folderInputLabel': '要上传的文件夹',
    'dropzone.takePhoto': '拍照',
    'dropzone.cameraInputLabel': '要上传的照片',

    'intake.junk': {
      one: '已跳过 {count} 个系统文件（{names}）。这类文件由电脑自动生成，无需上传。',
      other: '已跳过 {count} 个系统文件（{names}）。这类文件由电脑自动生成，无需上传。',
    },
    'intake.unreadable': {
      one: '有 {count} 个文件或文件夹无法读取，已略过。请确认它仍然存在，然后重新添加。',
      other: '有 {count} 个文件或文件夹无法读取，已略过。请确认它们仍然存在，然后重新添加。',
    },
    'intake.duplicates': {
      one: '有 {count} 个文件已在此页面添加过：{names}。',
      other: '有 {count} 个文件已在此页面添加过：{names}。',
    },
    'intake.duplicatesQuestion': '要再上传一份吗？',
    'intake.addAgain': { one: '再次上传', other: '全部再次上传' },
    'intake.skipDuplicates': { one: '跳过', other: '全部跳过' },
    'intake.andMore': { one: '另外 {count} 个', other: '另外 {count} 个' },
    'intake.dismiss': '关闭',

    'overall.title': '您的上传',
    'overall.filesDone': {
      one: '已上传 {done} / {total} 个文件',
      other: '已上传 {done} / {total} 个文件',
    },
    'overall.bytes': '已发送 {sent} / {total}',
    'overall.timeLeft': '大约还需 {duration}',
    'overall.failed': { one: '{count} 个失败', other: '{count} 个失败' },
    'overall.rejected': { one: '{count} 个未被接受', other: '{count} 个未被接受' },
    'overall.progressLabel': '总上传进度',
    'overall.pauseAll': '全部暂停',
    'overall.resumeAll': '全部继续',
    'overall.retryFailed': '重试失败项',
    'overall.cancelAll': '全部取消',
    'overall.clearFinished': '清除已结束项',
    'overall.confirmCancel': '取消所有尚未完成的上传？已到达的文件不受影响。',
    'overall.confirmCancelYes': '是，全部取消',
    'overall.confirmCancelNo': '否，继续上传',
    'overall.offline': '您已离线——网络恢复后上传将自动继续。',

    'list.label': '文件',
    'list.labelFiltered': '文件：{filter}',

    'filter.label': '显示文件',
    'filter.all': '全部',
    'filter.active': '进行中',
    'filter.failed': '失败',
    'filter.done': '已完成',
    'filter.rejected': '未被接受',
    'filter.empty': '目前这里没有文件。',
    'filter.showAll': '显示全部文件',

    'rejected.title': '未被接受的文件',
    'rejected.file-too-large': {
      one: '{count} 个文件超过了 {limit}。',
      other: '{count} 个文件超过了 {limit}。',
    },
    'rejected.file-type-not-allowed': {
      one: '{count} 个文件的类型不被此链接接受。',
      other: '{count} 个文件的类型不被此链接接受。',
    },
    'rejected.too-many-files': {
      one: '{count} 个文件超出了此链接可接收的 {limit} 个文件。',
      other: '{count} 个文件超出了此链接可接收的 {limit} 个文件。',
    },
    'rejected.quota-exceeded': {
      one: '{count} 个文件放不进此链接可接收的 {limit}。',
      other: '{count} 个文件放不进此链接可接收的 {limit}。',
    },
    'rejected.other': {
      one: '{count} 个文件未被接受：{reason}',
      other: '{count} 个文件未被接受：{reason}',
    },
    'rejected.show': '查看是哪些',
    'rejected.showing': '已在下方列表中显示。',

    'summary.title': '已完成',
    'summary.done': {
      one: '{count} 个文件（{size}）已到达并通过校验，用时 {duration}。',
      other: '{count} 个文件（{size}）已到达并通过校验，用时 {duration}。',
    },
    'summary.none': '没有文件到达。',
    'summary.cancelled': { one: '{count} 个已取消', other: '{count} 个已取消' },
    'summary.listHint': '列表列出每个已到达的文件及其存储位置（对象键）。',
    'summary.copy': '复制列表',
    'summary.download': '下载列表（CSV）',
    'summary.copied': {
      one: '已复制 {count} 个文件的列表。',
      other: '已复制 {count} 个文件的列表。',
    },
    'summary.copyFailed': '此浏览器不允许复制。请改为下载列表。',

    'status.queued': '等待中',
    'status.signing': '准备中',
    'status.uploading': '上传中',
    'status.paused': '已暂停',
    'status.verifying': '校验中',
    'status.done': '已到达并通过校验',
    'status.failed': '失败',
    'status.cancelled': '已取消',
    'status.rejected': '未被接受',

    'row.folder': '文件夹',
    'row.progressLabel': '{name} 的上传进度',
    'row.urlValid': '上传地址有效期还剩 {duration}',
    'row.urlRenewing': '上传地址已过期，正在重新获取',
    'row.attempt': '第 {count} 次尝试',
    'row.parts': '已完成 {done} / {total} 个分块',
    'row.retryingIn': '{duration} 后重试',
    'row.limit': '限制：{limit}',
    'row.requestId': '请求 ID：{id}',
    'row.typeJudged': '按文件名判断，此文件的类型为 {type}。',
    'row.typeActive':
      '{type} 类型的文件在浏览器中打开时可能运行代码，因此只有链接所有者明确列出该类型时，此链接才接受它。',
    'row.cancel': '取消',
    'row.pause': '暂停',
    'row.resume': '继续',
    'row.retry': '重试',
    'row.cancelNamed': '取消 {name}',
    'row.pauseNamed': '暂停 {name}',
    'row.resumeNamed': '继续 {name}',
    'row.retryNamed': '重试 {name}',

    'announce.added': { one: '已添加 {count} 个文件', other: '已添加 {count} 个文件' },
    'announce.done': { one: '{count} 个文件已完成', other: '{count} 个文件已完成' },
    'announce.failed': { one: '{count} 个失败', other: '{count} 个失败' },
    'announce.rejected': { one: '{count} 个未被接受', other: '{count} 个未被接受' },
    'announce.offline': '已离线，上传正在等待网络恢复。',
    'announce.online': '网络已恢复，上传继续。',
    'announce.skipped': { one: '已跳过 {count} 个系统文件', other: '已跳过 {count} 个系统文件' },

    'admin.title': '上传链接与存储桶',
    'admin.intro': '供此门户的所有者使用：创建和撤销上传链接，并检查浏览器能否向存储桶上传。',
    'admin.token.label': '管理令牌',
    'admin.token.submit': '打开',
    'admin.token.note': '令牌（服务器上的 ADMIN_TOKEN）只保存在此标签页中，刷新或关闭后即被遗忘。',
    'admin.token.wrong': '此管理令牌不正确。',
    'admin.token.disabled': '此服务器关闭了管理功能。请在服务器上设置 ADMIN_TOKEN 后再使用此页面。',
    'admin.lock': '忘记令牌',
    'admin.failed': '操作未成功：{reason}',

    'admin.selftest.title': '存储桶检查',
    'admin.selftest.body':
      '从此页面上传一个很小的测试文件，方式与上传者的浏览器完全相同，并检查存储桶的跨域（CORS）规则。',
    'admin.selftest.run': '检查存储桶',
    'admin.selftest.running': '正在检查…',
    'admin.selftest.passed': '全部检查通过：浏览器可以向此存储桶上传。',
    'admin.selftest.failedTitle': '部分检查未通过。需要修改：',
    'admin.selftest.step.preflight': '存储桶允许此页面（{origin}）发送上传请求',
    'admin.selftest.step.put': '已从此页面上传测试文件',
    'admin.selftest.step.etag': '此页面能读取上传结果的 ETag',
    'admin.selftest.step.crc64': '此页面能读取上传结果的 CRC64 校验值，且与所发内容一致',
    'admin.selftest.step.stored': '测试文件已到达存储桶，并已再次删除',
    'admin.selftest.passedStep': '通过',
    'admin.selftest.failedStep': '未通过',
    'admin.selftest.fix.origin-not-allowed':
      '存储桶没有允许 {origin} 的跨域规则。请添加 AllowedOrigin 为 {origin} 的规则（npm run cos:setup 可自动完成）。',
    'admin.selftest.fix.put-not-allowed':
      '有跨域规则匹配 {origin}，但不允许 PUT。请在其 AllowedMethod 中加入 PUT。',
    'admin.selftest.fix.headers-not-allowed':
      '允许 PUT，但不允许上传时发送的请求头（content-type、content-disposition、x-cos-acl、x-cos-forbid-overwrite、x-cos-meta-filename）。请将 AllowedHeader 设为 *。',
    'admin.selftest.fix.etag-not-exposed':
      'ExposeHeader 中缺少 ETag，大文件（分块上传）无法完成。请在第一条匹配的规则的 ExposeHeader 中加入 ETag。',
    'admin.selftest.fix.crc64-not-exposed':
      'ExposeHeader 中缺少 x-cos-hash-crc64ecma，此页面无法自行校验上传。请将其加入 ExposeHeader。',
    'admin.selftest.fix.endpoint-unreachable':
      '存储服务没有响应。请检查存储桶、地域和 COS_DOMAIN。',
    'admin.selftest.fix.put-failed':
      '存储服务拒绝了测试上传（{detail}）。请检查签名服务的密钥及其权限。',

    'admin.links.title': '上传链接',
    'admin.links.loading': '正在加载链接…',
    'admin.links.empty': '还没有上传链接。',
    'admin.links.refresh': '刷新',
    'admin.links.untitled': '（无标题）',
    'admin.links.state.open': '有效',
    'admin.links.state.expired': '已过期',
    'admin.links.state.revoked': '已撤销',
    'admin.links.usedFiles': '{files}，上限 {max}',
    'admin.links.usedBytes': '{size}，上限 {max}',
    'admin.links.inFlight': '{files}正在上传',
    'admin.links.unverified': {
      one: '{count} 个文件（{size}）已到达，但从未验证。',
      other: '{count} 个文件（{size}）已到达，但从未验证。',
    },
    'admin.links.unverifiedHint':
      '这些文件已存入该链接的文件夹，但上传从未完成（例如页面被关闭）。请在存储桶中查看；npm run cos:cleanup 会列出它们，并在您要求时删除。',
    'admin.links.unverifiedUnknown': '无法检查未验证的文件：签名服务的密钥无权列出上传文件夹。',
    'admin.links.expires': '有效期至 {date}',
    'admin.links.noExpiry': '无截止日期',
    'admin.links.revokedAt': '撤销于 {date}',
    'admin.links.address': '{title} 的地址',
    'admin.links.noUrl': '此链接由旧密钥生成，不显示地址。',
    'admin.links.copy': '复制',
    'admin.links.copied': '已复制',
    'admin.links.revoke': '撤销',
    'admin.links.revokeConfirm':
      '撤销“{title}”？之后任何人都不能再用它开始上传；已在传输中的文件仍可完成，并会计入。已收到的文件会保留。此操作无法撤回。',
    'admin.links.revokeYes': '确定撤销',
    'admin.links.revokeNo': '保留',

    'admin.create.title': '新建上传链接',
    'admin.create.name': '标题',
    'admin.create.message': '给上传者的说明',
    'admin.create.days': '有效天数',
    'admin.create.maxFiles': '文件总数上限',
    'admin.create.maxFileSize': '单个文件上限（MB）',
    'admin.create.maxTotal': '总数据量上限（MB）',
    'admin.create.types': '允许的类型，例如 image/*、.pdf',
    'admin.create.hint':
      '留空表示不限制。大小以 MB 为单位（1 MB = 1,000,000 字节），也可以带单位输入，例如 500 kB 或 2 GB。',
    'admin.create.submit': '创建链接',
    'admin.create.creating': '正在创建…',
    'admin.create.created': '链接已创建。请把此地址发给需要上传的人：',
    'admin.create.invalid': '这些设置无效：{reason}',
    'admin.create.embedOrigins': '可嵌入此链接的网站（可选）',
    'admin.create.embedOriginsHint':
      '您自己网页的源，用逗号分隔，例如 https://forms.example.org。只有这些网页可以在框架中显示上传框；如果链接由别人直接打开，请留空。',
    'admin.create.fix': '有些设置需要修改：请查看标出的字段。',
    'admin.create.embedCode': '放进您网页的代码（显示上传框）',
    'admin.links.embedOrigins': '可嵌入于 {origins}',
    'admin.issue.field.title': '标题',
    'admin.issue.field.message': '说明',
    'admin.issue.field.expires': '有效天数',
    'admin.issue.field.maxFileSize': '单个文件上限',
    'admin.issue.field.maxTotalBytes': '总数据量上限',
    'admin.issue.field.maxFiles': '文件总数上限',
    'admin.issue.field.allowedTypes': '允许的类型',
    'admin.issue.field.embedOrigins': '可嵌入此链接的网站',
    'admin.issue.field.notify': '文件到达时通知我',
    'admin.issue.not-text': '{field}必须是文字，例如 {example}。',
    'admin.issue.too-long': '{field}太长：最多 {limit} 个字符。',
    'admin.issue.not-a-duration': '{field}：“{value}”不是时长。例如：{example}。',
    'admin.issue.too-long-lived': '{field}太长：链接最多有效 {limit} 天。',
    'admin.issue.not-a-size': '{field}：“{value}”不是大小。请写数字和单位，例如 {example}。',
    'admin.issue.not-a-count': '{field}：“{value}”不是文件数量（整数）。例如：{example}。',
    'admin.issue.zero':
      '{field}不能为 0：否则链接什么也收不了。不限制请留空，或填写更大的值，例如 {example}。',
    'admin.issue.type-no-dot':
      '{field}：“{value}”既不是文件扩展名，也不是 MIME 类型。扩展名以点开头，例如 {example}。',
    'admin.issue.type-invalid':
      '{field}：“{value}”不是文件类型。请写带点的扩展名或 MIME 类型，例如 {example}。',
    'admin.issue.too-many': '{field}的条目太多：最多 {limit} 个。',
    'admin.issue.origin-empty':
      '{field}中有空条目。请把每个网站写成源（协议、主机和端口），例如 {example}。',
    'admin.issue.origin-not-a-url':
      '{field}：“{value}”不是网址。请写出协议和主机，例如 {example}。',
    'admin.issue.origin-scheme':
      '{field}：“{value}”不是 https:// 或 http:// 网站，只有这类网站可以嵌入链接。例如：{example}。',
    'admin.issue.origin-wildcard':
      '{field}：“{value}”含有通配符（*）。请逐一准确列出每个网站，例如 {example}。',
    'admin.issue.origin-userinfo':
      '{field}：“{value}”含有用户名或密码（主机前的 @），请去掉，例如 {example}。',
    'admin.issue.origin-path':
      '{field}：“{value}”含有路径；源只包括协议、主机和端口，例如 {example}。',
    'admin.issue.origin-query':
      '{field}：“{value}”含有查询（?…）；源只包括协议、主机和端口，例如 {example}。',
    'admin.issue.origin-fragment':
      '{field}：“{value}”含有片段（#…）；源只包括协议、主机和端口，例如 {example}。',
    'admin.issue.origin-host': '{field}：“{value}”的主机名或端口无效。例如：{example}。',
    'admin.issue.notify-target':
      '{field}：“{value}”不是通知目标。请以 https://、wecom:、dingtalk:、feishu:、slack: 或 mailto: 开头，例如 {example}。',
    'admin.issue.suggestion': '您是想写 {suggestion} 吗？',
    'admin.create.notify': '文件到达时通知我（每行一个目标，可不填）',
    'admin.create.notifyHint':
      '目标可以是 https:// 网络回调、wecom:<机器人地址>、dingtalk:<机器人地址>#<加签密钥>、feishu:<机器人地址>、slack:<Webhook 地址> 或 mailto:you@example.com。消息使用本页面的语言。',

    'admin.notify.toggle': '通知',
    'admin.notify.loading': '正在加载通知…',
    'admin.notify.targets': '通知发往',
    'admin.notify.noTargets': '通过此链接收到文件时不会通知任何人。',
    'admin.notify.fromDefault': '（所有链接）',
    'admin.notify.sendTest': '发送测试事件',
    'admin.notify.sending': '正在发送…',
    'admin.notify.sent': {
      one: '测试事件已发往 {count} 个目标，送达情况见下方。',
      other: '测试事件已发往 {count} 个目标，送达情况见下方。',
    },
    'admin.notify.log': '送达记录（最新在前）',
    'admin.notify.noDeliveries': '尚未发送任何通知。',
    'admin.notify.col.event': '事件',
    'admin.notify.col.target': '目标',
    'admin.notify.col.attempts': '尝试次数',
    'admin.notify.col.status': '最近状态',
    'admin.notify.col.next': '下次尝试',
    'admin.notify.type.completed': '已收到文件',
    'admin.notify.type.test': '测试事件',
    'admin.notify.status.pending': '等待中',
    'admin.notify.status.delivering': '正在发送',
    'admin.notify.status.retrying': '稍后重试',
    'admin.notify.status.delivered': '已送达',
    'admin.notify.status.failed': '失败',
    'admin.notify.problem.no-webhook-secret': '服务器未设置 WEBHOOK_SECRET，无法为 Webhook 签名。',
    'admin.notify.problem.target-gone': '该目标已不在服务器的 NOTIFY_DEFAULT 中。',
    'admin.notify.problem.target-not-allowed': '服务器的配置已不再允许该目标。',
    'admin.notify.problem.not-https': '已拒绝：只允许 https 地址。',
    'admin.notify.problem.no-address': '已拒绝：该主机名没有地址。',
    'admin.notify.problem.blocked-address': '已拒绝：该主机解析到非公网地址（{detail}）。',
    'admin.notify.problem.timeout': '10 秒内没有应答。',
    'admin.notify.problem.network': '无法连接接收方（{detail}）。',
    'admin.notify.problem.no-result-code': '该服务的应答中没有其文档规定的结果码。',
    'admin.notify.problem.rate-limited': '该服务要求放慢发送（代码 {detail}）。',
    'admin.notify.problem.service-refused': '该服务拒绝了消息（代码 {detail}）。',
    'admin.notify.problem.redirect': '接收方以重定向应答（{detail}），不跟随重定向。',
    'admin.notify.problem.http': '接收方应答 HTTP {detail}。',
    'admin.notify.problem.smtp-login': '邮件服务器拒绝了 SMTP_URL 中的登录信息。',
    'admin.notify.problem.smtp': '邮件服务器应答 {detail}。',
    'admin.notify.problem.no-report': '最后一次尝试没有回报结果。',
    'admin.notify.problem.gaveUp': '重试 {hours} 小时后放弃。最后的问题：{last}',

    'resume.title': {
      one: '上次访问时有 {count} 个上传未完成',
      other: '上次访问时有 {count} 个上传未完成',
    },
    'resume.body': {
      one: '请再次拖入或选择同一个文件，从中断处继续。已发送的分块不会重复发送。',
      other: '请再次拖入或选择相同的文件，从中断处继续。已发送的分块不会重复发送。',
    },
    'resume.item': '{name}（{size}，已发送 {done}/{total} 个分块）',
    'resume.forget': { one: '放弃该上传', other: '放弃这些上传' },
    'resume.confirmForget': {
      one: '放弃该上传？已发送的分块将被删除。',
      other: '放弃这 {count} 个上传？已发送的分块将被删除。',
    },
    'resume.forgetYes': '是，放弃',
    'resume.keep': '否，保留',
  },
  errors: {
    'invalid-request': {
      what: '上传服务无法理解此页面发出的请求。',
      todo: '请重新加载页面后再试。如果问题持续，请告知向您发送链接的人。',
    },
    'payload-too-large': {
      what: '此页面发出的请求超出了上传服务的大小限制。',
      todo: '请减少一次添加的文件数量后再试。',
    },
    'link-missing': {
      what: '此地址中没有上传链接。',
      todo: '请打开您收到的完整链接。如果链接被截断，请重新复制。',
    },
    'link-malformed': {
      what: '此上传链接不完整或有输入错误。',
      todo: '请从收到的消息中重新复制完整链接，或请发送者重新发送。',
    },
    'link-tampered': {
      what: '此上传链接已被改动，不再有效。',
      todo: '请使用与收到时完全相同的链接，或向发送者索取新链接。',
    },
    'link-expired': {
      what: '此上传链接已过期。',
      todo: '请向发送链接的人索取新链接。',
    },
    'link-revoked': {
      what: '此上传链接已被所有者停用。',
      todo: '请询问发送链接的人是否仍需要您的文件，并索取新链接。',
    },
    'file-too-large': {
      what: '此文件超过了该链接允许的大小。',
      todo: '请缩小文件（例如压缩或分卷），或请链接所有者提高限制。',
    },
    'file-type-not-allowed': {
      what: '此链接不接受这种类型的文件。',
      todo: '请查看允许的文件类型，或将文件另存为其中一种。',
    },
    'too-many-files': {
      what: '此链接不再接受更多文件。',
      todo: '请减少文件数量，或请链接所有者允许更多文件。',
    },
    'quota-exceeded': {
      what: '此链接的存储额度已用完。',
      todo: '请向链接所有者申请更多空间或新链接。',
    },
    'ticket-invalid': {
      what: '此文件的上传许可已失效。',
      todo: '请点击“重试”重新开始上传此文件。',
    },
    'upload-not-found': {
      what: '存储中已没有此文件未完成的上传。',
      todo: '请点击“重试”从头重新发送此文件。',
    },
    'object-missing': {
      what: '文件没有到达存储。',
      todo: '请点击“重试”重新发送。',
    },
    'size-mismatch': {
      what: '存储中的文件大小与您设备上的不一致。',
      todo: '请点击“重试”重新发送，上传期间请勿修改文件。',
    },
    'checksum-mismatch': {
      what: '存储中的文件与您设备上的文件并非完全一致。',
      todo: '请点击“重试”重新发送，上传期间请勿修改文件。',
    },
    'rate-limited': {
      what: '短时间内发出的请求过多。',
      todo: '请稍候，上传会自动继续；如有文件停止，请点击“重试”。',
    },
    'origin-not-allowed': {
      what: '此上传链接不能在这个网站上使用。',
      todo: '请直接打开链接，或告知嵌入此页面的网站所有者。',
    },
    'password-required': {
      what: '此链接需要密码，或输入的密码不正确。',
      todo: '请输入链接所有者提供的密码。多次输错后，请稍等片刻再试。',
    },
    'uploader-details-required': {
      what: '此链接要求填写的信息有缺失或无效。',
      todo: '请填写所有必填项，然后重新发送文件。',
    },
    'terms-not-accepted': {
      what: '尚未接受此链接的条款。',
      todo: '请阅读条款并勾选接受，然后重新发送文件。',
    },
    'submission-required': {
      what: '此链接按提交者归档上传，而此页面尚未开始一次提交。',
      todo: '请重新加载页面后再开始。',
    },
    'submission-invalid': {
      what: '此页面发送文件所属的提交无法被上传服务识别。',
      todo: '请重新加载页面后再开始。',
    },
    'submission-closed': {
      what: '此次提交已关闭：已完成，或一段时间内没有任何操作。',
      todo: '请开始新的提交以发送更多文件。',
    },
    unauthorized: {
      what: '上传服务不接受此页面的许可。',
      todo: '请重新打开您收到的链接。如果问题持续，请索取新链接。',
    },
    'not-found': {
      what: '上传服务找不到此页面请求的内容。',
      todo: '请重新加载页面。如果问题持续，请告知向您发送链接的人。',
    },
    'storage-error': {
      what: '存储服务出现了问题。',
      todo: '请稍后点击“重试”。',
    },
    'internal-error': {
      what: '上传服务出现了意外问题。',
      todo: '请稍后点击“重试”。如果问题持续，请告知向您发送链接的人。',
    },
    'network-error': {
      what: '网络连接中断了。',
      todo: '请检查网络连接，然后点击“重试”。',
    },
    timeout: {
      what: '等待响应的时间过长。',
      todo: '请点击“重试”。网络较慢或繁忙时可能出现这种情况。',
    },
    stalled: {
      what: '上传停滞，没有进展。',
      todo: '请点击“重试”。网络较慢时，请一次少发送一些文件。',
    },
    offline: {
      what: '您的设备已离线。',
      todo: '网络恢复后上传会自动继续。',
    },
    'url-expired': {
      what: '此文件的上传许可在上传完成前到期了。',
      todo: '请点击“重试”，系统会自动申请新的许可。',
    },
    'signature-mismatch': {
      what: '存储拒绝了此文件的上传许可。',
      todo: '请点击“重试”。如果再次失败，请告知向您发送链接的人。',
    },
    'access-denied': {
      what: '存储拒绝了此次上传。',
      todo: '请告知向您发送链接的人，其存储设置可能需要调整。',
    },
    'bad-digest': {
      what: '文件内容在传输途中损坏了。',
      todo: '请点击“重试”重新发送。',
    },
    'storage-rejected': {
      what: '存储拒绝了此文件。',
      todo: '请点击“重试”。如果再次失败，请告知向您发送链接的人。',
    },
    'storage-unavailable': {
      what: '此页面暂时无法连接到存储。',
      todo: '请稍后点击“重试”。如果问题持续，请告知向您发送链接的人。',
    },
    'file-unreadable': {
      what: '无法从您的设备读取此文件。',
      todo: '请确认文件仍然存在且可以打开，然后重新添加。',
    },
    'file-changed': {
      what: '此文件在上传过程中被修改了。',
      todo: '请等文件保存完毕后点击“重试”。',
    },
    'etag-unreadable': {
      what: '存储设置不允许此页面确认此文件的各个分块已经到达。',
      todo: '请告知向您发送链接的人，其存储需要向此页面提供“ETag”响应头。',
    },
    'signer-unavailable': {
      what: '暂时无法连接到上传服务。',
      todo: '请检查网络连接，稍后点击“重试”。',
    },
    'url-rejected': {
      what: '上传服务提供的上传地址不受此页面信任，因此文件未被发送。',
      todo: '请告知向您发送链接的人：上传服务的设置可能有误。',
    },
    cancelled: {
      what: '您取消了此次上传。',
      todo: '如果仍想发送，请点击“重试”。',
    },
    unknown: {
      what: '发生了意外错误。',
      todo: '请点击“重试”。如果问题持续，请告知向您发送链接的人。',
    },
  },
};
