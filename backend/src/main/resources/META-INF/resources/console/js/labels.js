// Chinese names of the codes the APIs answer with.
export const BOOKING_STATUS = {
  PENDING: '待确认', CONFIRMED: '已预约', CHECKED_IN: '已签到', COMPLETED: '已办结', CANCELLED: '已取消',
  EXPIRED: '已过期', DECLINED: '已拒绝', NO_SHOW: '未到',
};

export const SERVICE_TYPE = {
  MARRIAGE: '结婚登记', DIVORCE_APPLICATION: '离婚申请', DIVORCE_CERTIFICATE: '离婚登记', CERTIFICATE_REPLACEMENT: '补领证件',
  CEREMONY: '颁证仪式', TOMB_SWEEPING: '祭扫', PROXY_SWEEPING: '代祭扫', COUNSELING: '咨询', ELDERLY_MEAL: '长者助餐',
  RESPITE_CARE: '喘息服务', DAY_CARE: '日间照料',
};

export const APPLICATION_TYPE = {
  RELIEF_DIBAO: '最低生活保障', RELIEF_DIBAO_EDGE: '低保边缘', RELIEF_EXPENDITURE_HARDSHIP: '支出型困难',
  RELIEF_TEKUN: '特困供养', RELIEF_TEMPORARY: '临时救助', ELDER_HOME_ADAPTATION: '适老化改造', ELDER_RESPITE: '喘息服务',
  ELDER_HOME_CARE_BED: '家庭养老床位', ELDER_MEAL_SUBSIDY: '助餐补贴',
};

export const APPLICATION_STATUS = {
  DRAFT: '草稿', SUBMITTED: '已提交', ACCEPTED: '已受理', RETURNED: '退回补正', INVESTIGATED: '已入户调查', ASSESSED: '已评估',
  REVIEWED: '已初审', PUBLIC_NOTICE: '公示中', OBJECTION: '有异议', NOTICE_ENDED: '公示结束', APPROVED: '已批准',
  IN_SERVICE: '服务中', REGISTERED: '已登记', COMPLETED: '已完成', ENDED: '已结束', REJECTED: '未批准', WITHDRAWN: '已撤回',
  EXPIRED: '已到期', TERMINATED: '已终止', LAPSED: '已失效',
};

export const ACTION = {
  submit: '提交', resubmit: '重新提交', withdraw: '撤回', accept: '受理', refuse: '不予受理', return: '退回补正',
  investigate: '完成入户调查', assess: '评估', review: '初审通过', publish: '公示', object: '登记异议',
  dismiss_objection: '驳回异议', close_notice: '结束公示', approve: '批准', reject: '不批准', grant: '街道批准发放',
  refer: '报区审批', assign_provider: '指定服务机构', register: '登记', complete: '完成', end_service: '结束服务',
  end_registration: '结束登记', terminate: '终止', expire: '到期', lapse: '逾期失效',
};

export const label = (table, code) => table[code] || code;

/** Names of an application form's fields as the forms send them (others show as sent). */
export const FORM_FIELD = {
  address: '地址', community: '社区', streetCode: '街道', detail: '详细地址', members: '家庭成员', relation: '关系', name: '姓名',
  idNumber: '身份证号', monthlyIncomeCny: '月收入（元）', wages: '工资', pension: '养老金', other: '其他', employment: '就业',
  disability: '残疾', assets: '财产', depositsCny: '存款（元）', vehicleValuesCny: '车辆价值（元）', housingAreaSqm: '住房面积（㎡）',
  requestedAmountCny: '申请金额（元）', situation: '困难情况', rigidExpensesCny: '刚性支出（元）', person: '服务对象',
};
