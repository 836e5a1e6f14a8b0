import { to18 } from "../ids"
import { loadUserCount, loadUsers } from "./load-users"
import type { SeedUser } from "./seed-user"

/**
 * The embedded org's fixed data. IDs keep Salesforce's key prefixes (00D org, 005 user,
 * 001 account, 003 contact) so clients that inspect prefixes behave as they would against a real org.
 */
export const ORG = {
  Id: to18("00D5g0000LABORG"),
  Name: "Salesforce OAuth Lab (embedded org)",
  InstanceName: "LAB1",
  IsSandbox: false,
  OrganizationType: "Developer Edition",
  NamespacePrefix: null,
  TrialExpirationDate: null,
} as const

/** The three demo users every org has, listed on the login page and the home page. */
export const DEMO_USERS: readonly SeedUser[] = [
  {
    Id: to18("0055g00000DEMO1"),
    Username: "demo@example.com",
    password: "demo1234",
    FirstName: "Dana",
    LastName: "Demo",
    Name: "Dana Demo",
    Email: "demo@example.com",
    // The lab identity provider's ext-demo user's subject (lib/idp/users.ts): mapping by federation id finds Dana.
    FederationIdentifier: "idp-user-1001",
    IsActive: true,
    isAdmin: false,
    preauthorizedByDefault: false,
    UserType: "Standard",
    LanguageLocaleKey: "en_US",
    LocaleSidKey: "en_US",
    TimeZoneSidKey: "America/Los_Angeles",
  },
  {
    Id: to18("0055g00000ADMN1"),
    Username: "admin@example.com",
    password: "admin1234",
    FirstName: "Ada",
    LastName: "Admin",
    Name: "Ada Admin",
    Email: "admin@example.com",
    IsActive: true,
    isAdmin: true,
    preauthorizedByDefault: true,
    UserType: "Standard",
    LanguageLocaleKey: "en_US",
    LocaleSidKey: "en_US",
    TimeZoneSidKey: "Europe/Paris",
  },
  {
    Id: to18("0055g00000INAC1"),
    Username: "inactive@example.com",
    password: "inactive1234",
    FirstName: "Ivan",
    LastName: "Inactive",
    Name: "Ivan Inactive",
    Email: "inactive@example.com",
    IsActive: false,
    isAdmin: false,
    preauthorizedByDefault: false,
    UserType: "Standard",
    LanguageLocaleKey: "en_US",
    LocaleSidKey: "en_US",
    TimeZoneSidKey: "America/New_York",
  },
]

/**
 * Every user of the org: the demo users, plus the load users `SALESFORCE_LAB_LOAD_USERS` asks for
 * (opt-in, for the reliability suite; read once when the org's code loads).
 */
export const USERS: readonly SeedUser[] = [
  ...DEMO_USERS,
  ...loadUsers(loadUserCount(process.env.SALESFORCE_LAB_LOAD_USERS)),
]

export const ACCOUNTS = [
  {
    Id: to18("0015g00000ACC01"),
    Name: "Edge Communications",
    Industry: "Electronics",
    BillingCity: "Austin",
    Type: "Customer - Direct",
  },
  {
    Id: to18("0015g00000ACC02"),
    Name: "Burlington Textiles Corp of America",
    Industry: "Apparel",
    BillingCity: "Burlington",
    Type: "Customer - Direct",
  },
  {
    Id: to18("0015g00000ACC03"),
    Name: "Pyramid Construction Inc.",
    Industry: "Construction",
    BillingCity: "Paris",
    Type: "Customer - Channel",
  },
  {
    Id: to18("0015g00000ACC04"),
    Name: "Dickenson plc",
    Industry: "Consulting",
    BillingCity: "Lawrence",
    Type: "Customer - Channel",
  },
  {
    Id: to18("0015g00000ACC05"),
    Name: "Grand Hotels & Resorts Ltd",
    Industry: "Hospitality",
    BillingCity: "Chicago",
    Type: "Customer - Direct",
  },
  {
    Id: to18("0015g00000ACC06"),
    Name: "United Oil & Gas Corp.",
    Industry: "Energy",
    BillingCity: "New York",
    Type: "Customer - Direct",
  },
  {
    Id: to18("0015g00000ACC07"),
    Name: "Express Logistics and Transport",
    Industry: "Transportation",
    BillingCity: "Portland",
    Type: "Customer - Channel",
  },
] as const

export const CONTACTS = [
  {
    Id: to18("0035g00000CON01"),
    FirstName: "Rose",
    LastName: "Gonzalez",
    Name: "Rose Gonzalez",
    Email: "rose@edge.example",
    AccountId: to18("0015g00000ACC01"),
    Title: "SVP, Procurement",
  },
  {
    Id: to18("0035g00000CON02"),
    FirstName: "Sean",
    LastName: "Forbes",
    Name: "Sean Forbes",
    Email: "sean@edge.example",
    AccountId: to18("0015g00000ACC01"),
    Title: "CFO",
  },
  {
    Id: to18("0035g00000CON03"),
    FirstName: "Jack",
    LastName: "Rogers",
    Name: "Jack Rogers",
    Email: "jrogers@burlington.example",
    AccountId: to18("0015g00000ACC02"),
    Title: "VP, Facilities",
  },
  {
    Id: to18("0035g00000CON04"),
    FirstName: "Pat",
    LastName: "Stumuller",
    Name: "Pat Stumuller",
    Email: "pat@pyramid.example",
    AccountId: to18("0015g00000ACC03"),
    Title: "SVP, Administration and Finance",
  },
  {
    Id: to18("0035g00000CON05"),
    FirstName: "Andy",
    LastName: "Young",
    Name: "Andy Young",
    Email: "a_young@dickenson.example",
    AccountId: to18("0015g00000ACC04"),
    Title: "SVP, Operations",
  },
  {
    Id: to18("0035g00000CON06"),
    FirstName: "Tim",
    LastName: "Barr",
    Name: "Tim Barr",
    Email: "barr_tim@grandhotels.example",
    AccountId: to18("0015g00000ACC05"),
    Title: "SVP, Administration and Finance",
  },
] as const
