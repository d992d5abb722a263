/** The provisioning file the integration tests load: two WABAs in org A, a second org, an org without phones. */

const token = (name: string) => `test-token-${name}`.padEnd(40, "0");

export const tokens = {
  adminA: token("admin-a"),
  memberA: token("member-a"),
  agent1A: token("agent1-a"),
  adminB: token("admin-b"),
  adminC: token("admin-c"),
  partnerLinked: token("partner-linked"),
  partnerOther: token("partner-other"),
  console: token("console"),
};

/** Two contacts share SHARED_NUMBER; c_3 and c_4 have numbers of their own. */
const SHARED_NUMBER = "+911111111111";

export const fixture = {
  orgs: [
    {
      id: "org_a",
      name: "Org A",
      wabas: [
        {
          remote_waba_id: "waba_a1",
          name: "A Sales",
          matrix_host_name: "matrix.a.example",
          phones: [
            { remote_phone_id: "ph_a1", display_phone_number: "+15550000001" },
            { remote_phone_id: "ph_a2", display_phone_number: "+15550000002" },
          ],
        },
        {
          remote_waba_id: "waba_a2",
          name: "A Service",
          matrix_host_name: "matrix.a2.example",
          phones: [{ remote_phone_id: "ph_a3", display_phone_number: "+15550000003" }],
        },
      ],
      users: [
        { id: "u_admin_a", email: "admin@a.example", name: "Admin A", role: "ADMIN" },
        { id: "u_member_a", email: "member@a.example", name: "Member A", role: "MEMBER" },
        { id: "u_agent1", email: "agent1@a.example", name: "Agent 1", role: "MEMBER" },
        { id: "u_agent2", email: "agent2@a.example", name: "Agent 2", role: "MEMBER" },
        { id: "u_agent3", email: "agent3@a.example", name: "Agent 3", role: "MEMBER" },
        { id: "u_disabled", email: "disabled@a.example", name: "Disabled", role: "MEMBER", active: false },
      ],
      groups: [
        { id: "g_sales", name: "Sales", members: ["u_agent1", "u_agent2", "u_agent3"] },
        { id: "g_empty", name: "Empty", members: [] },
        { id: "g_disabled", name: "Only disabled", members: ["u_disabled"] },
      ],
      contacts: [
        { id: "c_1", crm_id: "CRM-1", phone_number: SHARED_NUMBER, first_name: "Ravi", last_name: "Kumar" },
        { id: "c_2", crm_id: "CRM-2", phone_number: SHARED_NUMBER, first_name: "Asha", last_name: "Kumar" },
        { id: "c_3", crm_id: "CRM-3", phone_number: "+912222222222", first_name: "Li", last_name: "" },
        { id: "c_4", crm_id: "CRM-4", phone_number: "+913333333333" },
      ],
    },
    {
      id: "org_b",
      name: "Org B",
      wabas: [
        {
          remote_waba_id: "waba_b1",
          name: "B",
          matrix_host_name: "matrix.b.example",
          phones: [{ remote_phone_id: "ph_b1", display_phone_number: "+15550000011" }],
        },
      ],
      users: [{ id: "u_admin_b", email: "admin@b.example", name: "Admin B", role: "ADMIN" }],
      contacts: [{ id: "c_b1", crm_id: "CRM-B1", phone_number: SHARED_NUMBER }],
    },
    {
      id: "org_c",
      name: "Org C (no phones)",
      users: [{ id: "u_admin_c", email: "admin@c.example", name: "Admin C", role: "ADMIN" }],
      contacts: [{ id: "c_c1", crm_id: "CRM-C1", phone_number: "+914444444444" }],
    },
  ],
  partners: [
    { id: "p_linked", name: "Linked", orgs: ["org_a"] },
    { id: "p_other", name: "Other", orgs: ["org_b"] },
  ],
  api_keys: [
    { id: "k_admin_a", token: tokens.adminA, user: "u_admin_a" },
    { id: "k_member_a", token: tokens.memberA, user: "u_member_a" },
    { id: "k_agent1_a", token: tokens.agent1A, user: "u_agent1" },
    { id: "k_admin_b", token: tokens.adminB, user: "u_admin_b" },
    { id: "k_admin_c", token: tokens.adminC, user: "u_admin_c" },
    { id: "k_partner_linked", token: tokens.partnerLinked, partner: "p_linked" },
    { id: "k_partner_other", token: tokens.partnerOther, partner: "p_other" },
    { id: "k_console", token: tokens.console, console: true },
  ],
};

/**
 * Dashboard sign-in accounts the console key may act for (X-On-Behalf-Of). Inserted without a password:
 * the tests name them in headers and never sign in with them.
 */
export const accountIds = {
  adminA: "acc_admin_a",
  memberA: "acc_member_a",
  agent1A: "acc_agent1_a",
  adminB: "acc_admin_b",
  disabled: "acc_disabled",
  partnerLinked: "acc_partner_linked",
  support: "acc_support",
};

export const fixtureAccounts = [
  { id: accountIds.adminA, email: "admin@a.example", name: "Admin A", kind: "org_user", userId: "u_admin_a" },
  { id: accountIds.memberA, email: "member@a.example", name: "Member A", kind: "org_user", userId: "u_member_a" },
  { id: accountIds.agent1A, email: "agent1@a.example", name: "Agent 1", kind: "org_user", userId: "u_agent1" },
  { id: accountIds.adminB, email: "admin@b.example", name: "Admin B", kind: "org_user", userId: "u_admin_b" },
  { id: accountIds.disabled, email: "disabled@a.example", name: "Disabled", kind: "org_user", userId: "u_disabled" },
  { id: accountIds.partnerLinked, email: "pat@linked.example", name: "Pat Linked", kind: "partner_member", partnerId: "p_linked" },
  { id: accountIds.support, email: "sam@support.example", name: "Sam Support", kind: "support_agent" },
] as const;
