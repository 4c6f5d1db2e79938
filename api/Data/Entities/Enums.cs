namespace OutlookCrm.Api.Data;

public enum UserRole { Rep, Manager, Admin }

public enum CompanyStatus { Suspect, Prospect, Client, Former, Lost }

public enum CustomerCategory { A, B, C }

public enum ActivityType { Visit, Call, Meeting, Email, Task }

public enum ActivityStatus { Planned, Done, Cancelled }

public enum StageKind { Open, Won, Lost }
