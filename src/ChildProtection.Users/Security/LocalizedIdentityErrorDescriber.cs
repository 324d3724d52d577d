using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Security;

/// <summary>Identity's messages in the request's language (Vietnamese by default); codes stay Identity's.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<UsersText> T) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string message) => new() { Code = code, Description = message };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), T["An unknown failure has occurred."]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), T["Someone else changed this record at the same time. Reload and try again."]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), T["Incorrect password."]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), T["Invalid token."]);
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), T["Recovery code redemption failed."]);
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), T["A user with this login already exists."]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), T["User name \"{0}\" is invalid: use only letters without diacritics, digits and - . _ @ +", userName ?? ""]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), T["E-mail \"{0}\" is invalid.", email ?? ""]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), T["User name \"{0}\" is already taken.", userName]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), T["E-mail \"{0}\" is already used by another account.", email]);
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), T["Role name \"{0}\" is invalid.", role ?? ""]);
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), T["Role name \"{0}\" is already taken.", role]);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), T["User already has a password set."]);
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), T["Lockout is not enabled for this user."]);
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), T["User already in role \"{0}\".", role]);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), T["User is not in role \"{0}\".", role]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), T["Passwords must be at least {0} characters.", length]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), T["Passwords must use at least {0} different characters.", uniqueChars]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), T["Passwords must have at least one symbol (not a letter or digit)."]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), T["Passwords must have at least one digit ('0'-'9')."]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), T["Passwords must have at least one lowercase letter ('a'-'z')."]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), T["Passwords must have at least one uppercase letter ('A'-'Z')."]);
}
