package com.saypro.triage.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.PageActions;

/** /admin: users and their roles, and machine tokens (administrators only). */
@Controller
class AdminPageController {

    static final String ADMIN = "admin/index";

    private final UserAccounts users;
    private final ApiTokens tokens;

    AdminPageController(UserAccounts users, ApiTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @GetMapping("/admin")
    String admin(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("scopes", Scope.values());
        return ADMIN;
    }

    @PostMapping("/admin/users")
    String createUser(@RequestParam String username, @RequestParam(required = false) String displayName,
            @RequestParam String password, @RequestParam(required = false) List<String> roles,
            RedirectAttributes redirect) {
        return attempt(redirect, () -> {
            users.create(username, displayName, password, roles(roles));
            return "User " + username + " created.";
        });
    }

    @PostMapping("/admin/users/{username}")
    String updateUser(@PathVariable String username, @RequestParam(required = false) String displayName,
            @RequestParam(required = false) List<String> roles, @RequestParam(defaultValue = "false") boolean enabled,
            RedirectAttributes redirect) {
        return attempt(redirect, () -> {
            users.update(username, displayName, roles(roles), enabled);
            return "User " + username + " saved.";
        });
    }

    @PostMapping("/admin/users/{username}/password")
    String setPassword(@PathVariable String username, @RequestParam String password, RedirectAttributes redirect) {
        return attempt(redirect, () -> {
            users.setPassword(username, password);
            return "Password of " + username + " changed.";
        });
    }

    @PostMapping("/admin/tokens")
    String createToken(@RequestParam String name, @RequestParam(required = false) List<String> scopes,
            RedirectAttributes redirect) {
        return attempt(redirect, () -> {
            ApiTokens.Issued issued = tokens.issue(name, scopes(scopes));
            redirect.addFlashAttribute("secret", issued.secret());
            return "Token '" + issued.token().name() + "' created. Copy it now: it is shown only this once.";
        });
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, () -> "Token '" + tokens.revoke(id).name() + "' revoked.");
    }

    private static String attempt(RedirectAttributes redirect, Supplier<String> action) {
        return PageActions.attempt(redirect, "redirect:/admin", action);
    }

    static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            if (!Role.known(name)) {
                throw new InvalidBodyException("roles", "there is no role '" + name + "'");
            }
            roles.add(Role.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        return roles;
    }

    static Set<Scope> scopes(List<String> names) {
        try {
            return Scope.parse(names == null ? "" : String.join(",", names));
        } catch (IllegalArgumentException e) {
            throw new InvalidBodyException("scopes", "must be ingest or read");
        }
    }
}
